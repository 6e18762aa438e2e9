// The two routes every kind of a user's credential shares (SSH keys, signing certificates, service-
// specific credentials): the one-button Active/Inactive change, and delete after a confirmation page.
// Each kind is a row of data (its path, form field, API action and parameter, and its words); the flow
// is one: a bad id or status changes nothing and says so, a missing user or credential is the 404 page,
// any other refusal is shown in AWS's words.
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { attempt, checked, IamError, readForm, text } from '../../../render';
import { asStatus, confirmPage, credentialId, refused } from './credential-pages';
import { getUser } from './data';
import { backToSection, userUrl } from './shared';

export interface CredentialKind {
  /** the path under /console/users/:name, e.g. `ssh-keys` */
  segment: string;
  /** the form field carrying the id, and the API's parameter for it */
  field: string;
  param: string;
  /** the shortest id the API issues (shorter input is refused before any call) */
  minId: number;
  updateAction: string;
  deleteAction: string;
  /** how a notice names one at the start of a sentence: `SSH public key`, `Credential` */
  Noun: string;
  /** how the confirmation names one mid-sentence: `SSH public key`, `credential` */
  noun: string;
  /** the refusal of a status change without an id or status */
  chooseStatus: string;
  /** the refusal of an id not from the list */
  chooseFromList: string;
  /** the confirmation box's message when it was not ticked */
  tickToConfirm: string;
  deleteTitle: string;
  deleteButton: string;
  deleteWarning: (user: string) => Child;
}

export function credentialLifecycleRoutes(k: CredentialKind): Hono<ConsoleEnv> {
  const routes = new Hono<ConsoleEnv>();
  const badId = () => new IamError('InvalidInput', k.chooseFromList);
  const deleteForm = (c: ConsoleContext, name: string, id: string, problem: { error?: IamError; errors?: Record<string, string> } = {}) =>
    confirmPage(c, name, {
      title: k.deleteTitle,
      lead: <span class="mono">{id}</span>,
      action: userUrl(name, `/${k.segment}/delete`),
      fields: { [k.field]: id },
      confirmLabel: `I want to delete ${k.noun} ${id} permanently`,
      button: k.deleteButton,
      warning: k.deleteWarning(name),
      ...problem,
    });

  routes.post(`/:name/${k.segment}/status`, async (c) => {
    const name = c.req.param('name');
    const form = await readForm(c);
    const id = credentialId(text(form, k.field, 200), k.minId);
    const status = asStatus(text(form, 'status', 16));
    if (!id || !status) return refused(c, name, new IamError('InvalidInput', k.chooseStatus));
    const r = await attempt(() => c.var.iam.call(k.updateAction, { UserName: name, [k.param]: id, Status: status }));
    if (!r.ok) return refused(c, name, r.error);
    return backToSection(c, name, 'security-credentials', `${k.Noun} ${id} is now ${status === 'Active' ? 'active' : 'inactive'}.`);
  });

  routes.get(`/:name/${k.segment}/delete`, async (c) => {
    const id = credentialId(c.req.query('id'), k.minId);
    if (!id) throw badId();
    return deleteForm(c, (await getUser(c, c.req.param('name'))).UserName, id);
  });

  routes.post(`/:name/${k.segment}/delete`, async (c) => {
    const name = c.req.param('name');
    const form = await readForm(c);
    const id = credentialId(text(form, k.field, 200), k.minId);
    if (!id) throw badId();
    if (!checked(form, 'confirm')) return deleteForm(c, name, id, { errors: { confirm: k.tickToConfirm } });
    const r = await attempt(() => c.var.iam.call(k.deleteAction, { UserName: name, [k.param]: id }));
    if (!r.ok) {
      if (r.error.code === 'NoSuchEntity') throw r.error;
      return deleteForm(c, name, id, { error: r.error });
    }
    return backToSection(c, name, 'security-credentials', `${k.Noun} ${id} was deleted.`);
  });

  return routes;
}
