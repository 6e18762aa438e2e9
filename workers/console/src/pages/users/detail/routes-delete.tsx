// Deleting a user. AWS's DeleteUser answers DeleteConflict while the user still has a console password,
// access keys, MFA devices, group memberships or policies, so the console does what the AWS console
// does: it removes each of those with its own API call, then deletes the user. DeleteUser is tried
// first: a caller who may not delete the user is refused before anything is removed. A step refused
// later is reported with what was already removed (the API has no transaction across calls).
import { Hono } from 'hono';
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { attempt, page, readForm, redirectWithNotice, text } from '../../../render';
import { CsrfField, ErrorSummary, PageHeader, TextField } from '../../../ui/components';
import { listAll, loadUserDetail, type AttachedPolicy, type Group, type MfaDevice } from './data';
import { apiProblem, fieldProblem, userUrl, type Problem } from './shared';

export const deleteRoutes = new Hono<ConsoleEnv>();

const count = (r: { ok: true; value: readonly unknown[] } | { ok: false }, what: string) =>
  r.ok ? `${r.value.length} ${what}${r.value.length === 1 ? '' : 's'}` : `${what}s (could not be listed)`;

async function confirmPage(c: ConsoleContext, name: string, problem?: Problem) {
  const d = await loadUserDetail(c, name);
  const n = d.user.UserName;
  const lp = d.loginProfile;
  const items = [
    lp.ok ? (lp.value ? 'its console password' : 'no console password') : 'its console password, if any',
    count(d.keys, 'access key'),
    count(d.mfa, 'MFA device'),
    count(d.groups, 'group membership'),
    count(d.attached, 'attached managed policy'),
    count(d.inline, 'inline policy'),
  ];
  return page(
    c,
    {
      title: `Delete user ${n}`,
      section: 'users',
      crumbs: [
        ['Users', '/console/users'],
        [n, userUrl(n)],
      ],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      <PageHeader title={`Delete user ${n}`} />
      <ErrorSummary message={problem?.message} errors={problem?.errors} />
      <div class="panel">
        <p>
          IAM refuses to delete a user (DeleteConflict) while it still has a console password, access keys, MFA devices, group memberships
          or policies. The console removes them first, each with its own call, then deletes the user. This user has:
        </p>
        <ul>
          {items.map((i) => (
            <li>{i}</li>
          ))}
        </ul>
        <p class="warning">Programs using its access keys stop working at once, and nothing can be recovered.</p>
        <form method="post" action={userUrl(n, '/delete')} class="stack">
          <CsrfField token={c.var.csrfToken} />
          <TextField
            label={`To confirm, type the user name ${n}`}
            name="confirm_name"
            value={problem?.values?.confirm_name}
            error={problem?.errors?.confirm_name}
            maxlength={64}
          />
          <div class="button-row">
            <button type="submit" class="danger">
              Delete user
            </button>
            <a href={userUrl(n)}>Cancel</a>
          </div>
        </form>
      </div>
    </>,
  );
}

deleteRoutes.get('/:name/delete', (c) => confirmPage(c, c.req.param('name')));

/** Removes what stands in DeleteUser's way, step by step; returns the first refusal and what was done before it. */
async function removeDependents(c: ConsoleContext, name: string): Promise<{ error: IamError; done: string[] } | null> {
  const iam = c.var.iam;
  const done: string[] = [];
  const step = async (what: string, work: () => Promise<unknown>) => {
    const r = await attempt(work);
    if (!r.ok) return r.error;
    done.push(what);
    return null;
  };
  const steps: [string, () => Promise<unknown>][] = [];
  const profile = await attempt(() => iam.call('GetLoginProfile', { UserName: name }));
  if (profile.ok) steps.push(['the console password', () => iam.call('DeleteLoginProfile', { UserName: name })]);
  const plan = await attempt(async () => {
    const keys = await listAll<{ AccessKeyId: string }>(c, 'ListAccessKeys', { UserName: name }, 'AccessKeyMetadata');
    const mfa = await listAll<MfaDevice>(c, 'ListMFADevices', { UserName: name }, 'MFADevices');
    const groups = await listAll<Group>(c, 'ListGroupsForUser', { UserName: name }, 'Groups');
    const attached = await listAll<AttachedPolicy>(c, 'ListAttachedUserPolicies', { UserName: name }, 'AttachedPolicies');
    const inline = await listAll<string>(c, 'ListUserPolicies', { UserName: name }, 'PolicyNames');
    const sshKeys = await listAll<{ SSHPublicKeyId: string }>(c, 'ListSSHPublicKeys', { UserName: name }, 'SSHPublicKeys');
    const certs = await listAll<{ CertificateId: string }>(c, 'ListSigningCertificates', { UserName: name }, 'Certificates');
    const service = await listAll<{ ServiceSpecificCredentialId: string; ServiceName: string }>(
      c,
      'ListServiceSpecificCredentials',
      { UserName: name },
      'ServiceSpecificCredentials',
    );
    for (const k of keys)
      steps.push([`access key ${k.AccessKeyId}`, () => iam.call('DeleteAccessKey', { UserName: name, AccessKeyId: k.AccessKeyId })]);
    for (const m of mfa) {
      steps.push([`MFA device ${m.SerialNumber}`, () => iam.call('DeactivateMFADevice', { UserName: name, SerialNumber: m.SerialNumber })]);
      // A virtual device would linger unassigned; AWS's console deletes it along with the user.
      if (m.SerialNumber.includes(':mfa/'))
        steps.push([`virtual MFA device ${m.SerialNumber}`, () => iam.call('DeleteVirtualMFADevice', { SerialNumber: m.SerialNumber })]);
    }
    for (const g of groups)
      steps.push([`membership of ${g.GroupName}`, () => iam.call('RemoveUserFromGroup', { UserName: name, GroupName: g.GroupName })]);
    for (const p of attached)
      steps.push([`policy ${p.PolicyName}`, () => iam.call('DetachUserPolicy', { UserName: name, PolicyArn: p.PolicyArn })]);
    for (const p of inline) steps.push([`inline policy ${p}`, () => iam.call('DeleteUserPolicy', { UserName: name, PolicyName: p })]);
    for (const k of sshKeys)
      steps.push([
        `SSH public key ${k.SSHPublicKeyId}`,
        () => iam.call('DeleteSSHPublicKey', { UserName: name, SSHPublicKeyId: k.SSHPublicKeyId }),
      ]);
    for (const k of certs)
      steps.push([
        `signing certificate ${k.CertificateId}`,
        () => iam.call('DeleteSigningCertificate', { UserName: name, CertificateId: k.CertificateId }),
      ]);
    for (const k of service)
      steps.push([
        `${k.ServiceName} credential ${k.ServiceSpecificCredentialId}`,
        () => iam.call('DeleteServiceSpecificCredential', { UserName: name, ServiceSpecificCredentialId: k.ServiceSpecificCredentialId }),
      ]);
  });
  if (!plan.ok) return { error: plan.error, done };
  for (const [what, work] of steps) {
    const error = await step(what, work);
    if (error) return { error, done };
  }
  return null;
}

deleteRoutes.post('/:name/delete', async (c) => {
  const name = c.req.param('name');
  const typed = text(await readForm(c), 'confirm_name', 64);
  if (typed !== name) {
    const message = typed ? `That is not the user name: type ${name} exactly` : `Type the user name ${name} to confirm`;
    return confirmPage(c, name, fieldProblem({ confirm_name: message }, { confirm_name: typed }));
  }
  const iam = c.var.iam;
  let r = await attempt(() => iam.call('DeleteUser', { UserName: name }));
  if (!r.ok && r.error.code === 'DeleteConflict') {
    const refused = await removeDependents(c, name);
    if (refused) {
      const before = refused.done.length ? ` Already removed before this was refused: ${refused.done.join(', ')}.` : '';
      return confirmPage(c, name, { ...apiProblem(refused.error), message: `${refused.error.message}${before}` });
    }
    r = await attempt(() => iam.call('DeleteUser', { UserName: name }));
  }
  if (!r.ok) return confirmPage(c, name, apiProblem(r.error));
  return redirectWithNotice(c, '/console/users', `User ${name} was deleted.`);
});
