// GET/POST /console/policies/delete?arn=...: delete a customer-managed policy after the person types its
// name. DeletePolicy refuses a policy that is attached or has versions besides the default
// (DeleteConflict), so, as the AWS console does, the policy is first detached from every user, group and
// role, then its other versions are deleted, then the policy. A policy that is some user's or role's
// permissions boundary is not deleted: removing a boundary widens that entity's permissions, which
// is a decision for its own page. A refusal part way says what was done and what was not.
import { Hono } from 'hono';
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, page, readForm, redirectWithNotice, statusFor, text } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField } from '../../ui/components';
import { listEntities, listVersions, type Entity } from './data';
import {
  arnOf,
  BASE,
  getPolicy,
  isAwsManaged,
  KIND_TITLE,
  kindParam,
  plural,
  READ_ONLY_MESSAGE,
  viewUrl,
  type Policy,
  type Problem,
} from './shared';

export const policyDeletePages = new Hono<ConsoleEnv>();

interface Contents {
  policy: Policy;
  attached: Entity[];
  boundaryOf: Entity[];
  /** versions other than the default */
  versions: string[];
}

async function contents(c: ConsoleContext, arn: string): Promise<Contents> {
  const policy = await getPolicy(c, arn);
  const [attached, boundaryOf, versions] = await Promise.all([
    listEntities(c, policy.Arn, 'PermissionsPolicy'),
    listEntities(c, policy.Arn, 'PermissionsBoundary'),
    listVersions(c, policy.Arn),
  ]);
  return { policy, attached, boundaryOf, versions: versions.filter((v) => !v.IsDefaultVersion).map((v) => v.VersionId) };
}

const names = (entities: Entity[]) => entities.map((e) => `${e.kind} ${e.name}`).join(', ');

function renderConfirm(c: ConsoleContext, what: Contents, problem?: Problem) {
  const p = what.policy;
  const title = `Delete policy ${p.PolicyName}`;
  const effects = [
    what.attached.length ? `detach it from ${plural(what.attached.length, 'entity', 'entities')} (${names(what.attached)})` : '',
    what.versions.length ? `delete ${plural(what.versions.length, 'version')} besides the default (${what.versions.join(', ')})` : '',
  ].filter(Boolean);
  const blocked = what.boundaryOf.length > 0;
  return page(
    c,
    {
      title,
      section: 'policies',
      crumbs: [
        ['Policies', BASE],
        [p.PolicyName, viewUrl(p.Arn)],
      ],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      <ErrorSummary message={problem?.message} errors={problem?.errors} />
      <PageHeader title={title} />
      {blocked ? (
        <div class="warning">
          <p>
            This policy is the permissions boundary of {names(what.boundaryOf)}. Change or remove those boundaries on their pages first:
            removing a boundary can widen what they may do.
          </p>
        </div>
      ) : (
        <>
          <div class="warning">
            <p>
              Deleting the policy {effects.length ? `will first ${effects.join(', and ')}, then delete the policy` : 'deletes it'}. Entities
              that had it lose its permissions. This cannot be undone.
            </p>
          </div>
          <form method="post" action={`${BASE}/delete?${new URLSearchParams({ arn: p.Arn })}`} class="stack">
            <CsrfField token={c.var.csrfToken} />
            <TextField
              label={`To confirm, type the policy name: ${p.PolicyName}`}
              name="confirm"
              required
              error={problem?.errors?.confirm}
            />
            <div class="button-row">
              <button type="submit" class="danger">
                Delete policy
              </button>
              <a href={viewUrl(p.Arn)}>Cancel</a>
            </div>
          </form>
        </>
      )}
      {blocked ? (
        <p>
          <a href={viewUrl(p.Arn, 'boundary')}>Back to the policy</a>
        </p>
      ) : null}
    </>,
  );
}

/** AWS-managed policies cannot be deleted: say so before reading anything else. */
async function deletable(c: ConsoleContext): Promise<Contents | Response> {
  const arn = arnOf(c);
  if (!isAwsManaged(arn)) return contents(c, arn);
  const policy = await getPolicy(c, arn);
  return page(
    c,
    { title: `Delete policy ${policy.PolicyName}`, section: 'policies', crumbs: [['Policies', BASE]], status: 403 },
    <>
      <ErrorSummary message={READ_ONLY_MESSAGE} />
      <h1>Delete policy {policy.PolicyName}</h1>
      <p>
        <a href={viewUrl(policy.Arn)}>Back to the policy</a>
      </p>
    </>,
  );
}

policyDeletePages.get('/delete', async (c) => {
  const what = await deletable(c);
  return what instanceof Response ? what : renderConfirm(c, what);
});

policyDeletePages.post('/delete', async (c) => {
  const confirm = text(await readForm(c), 'confirm', 200);
  const what = await deletable(c);
  if (what instanceof Response) return what;
  const p = what.policy;
  if (confirm !== p.PolicyName) {
    const message = confirm ? `The text you typed is not ${p.PolicyName}` : `Type ${p.PolicyName} to confirm`;
    return renderConfirm(c, what, { errors: { confirm: message }, status: 400 });
  }
  if (what.boundaryOf.length > 0) {
    return renderConfirm(c, what, {
      message: `The policy is the permissions boundary of ${names(what.boundaryOf)}; nothing was changed.`,
      status: 409,
    });
  }
  const iam = c.var.iam;
  const done: string[] = [];
  for (const e of what.attached) {
    const r = await attempt(() => iam.call(`Detach${KIND_TITLE[e.kind]}Policy`, { [kindParam(e.kind)]: e.name, PolicyArn: p.Arn }));
    if (!r.ok) return stopped(c, p.Arn, r.error, done);
    done.push(`detached it from ${e.kind} ${e.name}`);
  }
  for (const v of what.versions) {
    const r = await attempt(() => iam.call('DeletePolicyVersion', { PolicyArn: p.Arn, VersionId: v }));
    if (!r.ok) return stopped(c, p.Arn, r.error, done);
    done.push(`deleted version ${v}`);
  }
  const deleted = await attempt(() => iam.call('DeletePolicy', { PolicyArn: p.Arn }));
  if (!deleted.ok) return stopped(c, p.Arn, deleted.error, done);
  return redirectWithNotice(c, BASE, `Policy ${p.PolicyName} was deleted.`);
});

/** A refusal part way: the page says what was already done, what was not, and shows what is left. */
async function stopped(c: ConsoleContext, arn: string, error: IamError, done: string[]) {
  const before = done.length ? ` Before that, the console ${done.join(', ')}; the policy itself was not deleted.` : ' Nothing was changed.';
  return renderConfirm(c, await contents(c, arn), { message: `${error.message}${before}`, status: statusFor(error) });
}
