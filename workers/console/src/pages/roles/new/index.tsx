// /console/roles/new: the create-role wizard, one question per page, without script. GET starts it;
// each step's form posts to /new/<step> with the answers so far (a hidden draft) and `op`: next
// (checks this step's answers, then shows the next page), back, a Change from the review, or a
// step's own action (search a list, add tag rows, edit the trust policy as JSON). Web identity has a
// page of its own after step 1's (/new/web-identity: the provider's audience and the subject). Steps
// answer POSTs with the next page directly rather than redirecting, because the state lives only in
// the form. "Create role" redirects to the new role's page, or says what was not done.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { readForm, redirectWithNotice, text, type Form } from '../../../render';
import type { FieldErrors } from '../../../ui/components';
import { judge, type Judgement } from '../editor';
import { roleUrl } from '../shared';
import { createdNotice, createRole, partlyCreatedPage } from './create';
import { detailsPage, takenRoleName } from './details-step';
import {
  detailsErrors,
  DRAFT_FIELD,
  emptyDraft,
  neighbour,
  parseDraft,
  permissionErrors,
  readDetails,
  readPermissions,
  readTrust,
  readWebIdentity,
  trustErrors,
  type Draft,
  type Step,
} from './draft';
import { trustStepOf, webIdentityErrors } from './federation';
import type { StepView } from './frame';
import { missingPolicies, permissionsPage, readFilters } from './permissions-step';
import { reviewPage } from './review';
import { trustDocumentOf } from './trust-document';
import { trustPage, trustPreviewPage } from './trust-step';
import { webIdentityPage } from './web-identity-step';

export const newRolePages = new Hono<ConsoleEnv>();

// A draft with a custom trust policy, 50 tags and 10 policy ARNs is well under this; bodies are capped at 256 KiB.
const MAX_DRAFT_CHARS = 200 * 1024;

async function posted(c: ConsoleContext): Promise<{ form: Form; draft: Draft; op: string }> {
  const form = await readForm(c);
  return { form, draft: parseDraft(text(form, DRAFT_FIELD, MAX_DRAFT_CHARS)), op: text(form, 'op', 32) || 'next' };
}

type View = StepView & { judgement?: Judgement | undefined };

/** Step 1's messages (or the web-identity page's) on the page of the fields they are about. */
const trustProblems = (c: ConsoleContext, d: Draft, errors: FieldErrors) =>
  trustStepOf(errors) === 'web-identity' ? webIdentityPage(c, d, { errors, status: 400 }) : trustPage(c, d, { errors, status: 400 });

/** A step's page. The pages after step 1 show the trust policy, so it is written (and judged) for them. */
async function show(c: ConsoleContext, step: Step, d: Draft, view: View = {}): Promise<Response> {
  if (step === 'trust') return trustPage(c, d, view);
  if (step === 'web-identity') return webIdentityPage(c, d, view);
  if (step === 'permissions') return permissionsPage(c, d, view);
  if (step === 'details') return detailsPage(c, d, view);
  const trust = await trustDocumentOf(c, d);
  if (!trust.ok) return trustProblems(c, d, trust.errors);
  if (step === 'review') return reviewPage(c, d, trust.document, view);
  const judgement = view.judgement ?? (await judge(c, trust.document, 'TRUST_POLICY'));
  return trustPreviewPage(c, d, trust.document, { ...view, judgement, notice: trust.note });
}

/** Step 1 done (with the web-identity page, if any): the trust policy the answers make, judged. */
async function preview(c: ConsoleContext, d: Draft): Promise<Response> {
  const trust = await trustDocumentOf(c, d);
  if (!trust.ok) return trustProblems(c, d, trust.errors);
  const judgement = await judge(c, trust.document, 'TRUST_POLICY');
  if (judgement.error) {
    // A written policy's errors go beside its field; a generated one's (rare) at the top.
    const view = d.trustType === 'custom' ? { judgement } : { message: judgement.error };
    return trustPage(c, d, { ...view, status: 400 });
  }
  return trustPreviewPage(c, d, trust.document, { judgement, notice: trust.note });
}

/** After a valid step: the review again if the person came from its "Change", else the next step. */
const forward = (c: ConsoleContext, step: Step, d: Draft) => show(c, d.reviewing ? 'review' : neighbour(step, 1, d), d);

const CHANGEABLE: readonly Step[] = ['trust', 'web-identity', 'permissions', 'details'];

/** Back, or a "Change" from the review (`goto-<step>`), shows that step with what was entered kept. */
function navigation(c: ConsoleContext, step: Step, d: Draft, op: string) {
  if (op === 'back') return show(c, neighbour(step, -1, d), d);
  const target = CHANGEABLE.find((s) => op === `goto-${s}`);
  if (target && (target !== 'web-identity' || d.trustType === 'web-identity')) return show(c, target, d);
  return null;
}

newRolePages.get('/', (c) => trustPage(c, emptyDraft()));
// A step's address opened directly (a bookmark, a reload turned into GET) has no answers: start over.
newRolePages.get('/:step', (c) => c.redirect('/console/roles/new', 303));

newRolePages.post('/trust', async (c) => {
  const { form, draft } = await posted(c);
  const d = readTrust(form, draft);
  const errors = trustErrors(d);
  if (Object.keys(errors).length) return trustPage(c, d, { errors, status: 400 });
  // The audience is one of the provider's: asked on a page of its own (which checks the provider exists).
  if (d.trustType === 'web-identity') return webIdentityPage(c, d);
  return preview(c, d);
});

newRolePages.post('/web-identity', async (c) => {
  const { form, draft, op } = await posted(c);
  const d = readWebIdentity(form, draft);
  const nav = navigation(c, 'web-identity', d, op);
  if (nav) return nav;
  const errors = webIdentityErrors(d);
  if (Object.keys(errors).length) return webIdentityPage(c, d, { errors, status: 400 });
  return preview(c, d);
});

newRolePages.post('/trust-preview', async (c) => {
  const { draft: d, op } = await posted(c);
  if (op === 'customize') {
    const trust = await trustDocumentOf(c, d);
    const customPolicy = trust.ok ? trust.document : d.customPolicy;
    return trustPage(c, { ...d, trustType: 'custom', customPolicy });
  }
  return navigation(c, 'trust-preview', d, op) ?? forward(c, 'trust-preview', d);
});

newRolePages.post('/permissions', async (c) => {
  const { form, draft, op } = await posted(c);
  const d = readPermissions(form, draft);
  const filters = readFilters(form);
  const nav = navigation(c, 'permissions', d, op);
  if (nav) return nav;
  if (op === 'filter') return permissionsPage(c, d, { filters });
  const errors = permissionErrors(d);
  if (Object.keys(errors).length) return permissionsPage(c, d, { errors, filters, status: 400 });
  const missing = await missingPolicies(c, d);
  if (Object.keys(missing).length) return permissionsPage(c, d, { errors: missing, filters, status: 400 });
  return forward(c, 'permissions', d);
});

newRolePages.post('/details', async (c) => {
  const { form, draft, op } = await posted(c);
  const d = readDetails(form, draft);
  const nav = navigation(c, 'details', d, op);
  if (nav) return nav;
  if (op === 'more') return detailsPage(c, d, { extraRows: 5 });
  const errors = detailsErrors(d);
  if (Object.keys(errors).length) return detailsPage(c, d, { errors, status: 400 });
  const taken = await takenRoleName(c, d.roleName);
  if (taken) return detailsPage(c, d, { errors: { roleName: taken }, status: 409 });
  return forward(c, 'details', d);
});

newRolePages.post('/review', async (c) => {
  const { draft, op } = await posted(c);
  const nav = navigation(c, 'review', draft, op);
  if (nav) return nav;
  const r = await createRole(c, draft);
  if (!r.ok) return show(c, r.refusal.step, { ...draft, reviewing: true }, r.refusal.view);
  const { created } = r;
  if (created.failed) return partlyCreatedPage(c, { ...created, failed: created.failed });
  return redirectWithNotice(c, roleUrl(created.roleName), createdNotice(created));
});
