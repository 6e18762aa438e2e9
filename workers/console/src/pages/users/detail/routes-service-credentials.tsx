// The user's service-specific credentials, under /console/users/:name/service-credentials: HTTPS Git
// credentials for AWS CodeCommit and credentials for Amazon Keyspaces, as the AWS console offers them.
// Generate (CreateServiceSpecificCredential) and reset (ResetServiceSpecificCredential) show the
// password once, with copy and a .csv download, as the access-key flow shows a secret: in that
// response only, never redirected, never kept. Activate, deactivate and delete work as for other keys.
import type { FC } from 'hono/jsx';
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { attempt, checked, IamError, readForm, statusFor, text } from '../../../render';
import { Copyable, CsrfField, ErrorSummary, PageHeader, Radios, SecretValue } from '../../../ui/components';
import { DownloadCsv } from '../../../ui/csv';
import { backToCredentials, confirmPage, credentialId, credentialPage } from './credential-pages';
import { credentialLifecycleRoutes } from './credential-lifecycle';
import { getUser } from './data';
import { userUrl } from './shared';
import { PASSWORD_SERVICES, serviceLabel } from './view-service-credentials';

export const serviceCredentialRoutes = new Hono<ConsoleEnv>();

const MIN_ID = 20;
const CHOOSE_FROM_LIST = 'Choose the credential from the list of service-specific credentials.';
const badId = () => new IamError('InvalidInput', CHOOSE_FROM_LIST);

interface Generated {
  ServiceSpecificCredentialId: string;
  ServiceName: string;
  ServiceUserName: string;
  ServicePassword: string;
}

function createForm(
  c: ConsoleContext,
  name: string,
  problem?: { service: string; error?: string; message?: string; status: 400 | 403 | 404 | 409 | 429 },
) {
  const chosen = problem?.service ?? c.req.query('service') ?? '';
  return credentialPage(
    c,
    name,
    { title: 'Generate service-specific credentials', status: problem?.status },
    <>
      <PageHeader title="Generate service-specific credentials" lead={`For user ${name}`} />
      <ErrorSummary message={problem?.message} errors={problem?.error ? { service: problem.error } : undefined} />
      <form method="post" action={userUrl(name, '/service-credentials/create')} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <Radios
          legend="Which service are the credentials for?"
          name="service"
          value={chosen}
          error={problem?.error}
          options={Object.entries(PASSWORD_SERVICES).map(([value, s]) => ({
            value,
            label: s.label,
            hint: <span class="mono">{value}</span>,
          }))}
        />
        <p class="hint">A user name and password that work only with that service. A user can have two per service.</p>
        <div class="button-row">
          <button type="submit">Generate credentials</button>
          <a href={backToCredentials(name)}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

/** The only page that ever shows the password: this response, sent no-store, nothing kept. */
const ShownOnce: FC<{ name: string; cred: Generated }> = ({ name, cred }) => {
  const file = PASSWORD_SERVICES[cred.ServiceName]?.file ?? 'service';
  return (
    <>
      <div class="warning" role="status">
        This is the only time the password can be viewed or downloaded. You cannot recover it later; if it is lost, reset the password.
      </div>
      <div class="panel access-keys-created">
        <dl class="summary">
          <div>
            <dt>Service</dt>
            <dd>{serviceLabel(cred.ServiceName)}</dd>
          </div>
          <div>
            <dt>User name</dt>
            <dd>
              <Copyable value={cred.ServiceUserName} id="service-user-name" label="user name" />
            </dd>
          </div>
          <div>
            <dt>Password</dt>
            <dd>
              <SecretValue label="Password" value={cred.ServicePassword} id="service-password" />
            </dd>
          </div>
        </dl>
        <div class="button-row">
          <DownloadCsv
            filename={`${name}_${file}_credentials.csv`}
            header={['User Name', 'Password']}
            rows={[[cred.ServiceUserName, cred.ServicePassword]]}
            label="Download credentials (.csv)"
          />
        </div>
      </div>
      <p>
        <a href={backToCredentials(name)}>Back to the security credentials of user {name}</a>
      </p>
    </>
  );
};

serviceCredentialRoutes.get('/:name/service-credentials/create', async (c) =>
  createForm(c, (await getUser(c, c.req.param('name'))).UserName),
);

serviceCredentialRoutes.post('/:name/service-credentials/create', async (c) => {
  const name = c.req.param('name');
  const service = text(await readForm(c), 'service', 100);
  if (!PASSWORD_SERVICES[service])
    return createForm(c, name, { service, error: 'Choose the service the credentials are for', status: 400 });
  const r = await attempt(() =>
    c.var.iam.call<{ ServiceSpecificCredential: Generated }>('CreateServiceSpecificCredential', { UserName: name, ServiceName: service }),
  );
  if (!r.ok) {
    if (r.error.code === 'NoSuchEntity') throw r.error;
    // The quota (two per service) is about the choice; a refusal of the person is the page's.
    const said = r.error.code === 'LimitExceeded' ? { error: r.error.message } : { message: r.error.message };
    return createForm(c, name, { service, status: statusFor(r.error), ...said });
  }
  return credentialPage(
    c,
    name,
    { title: 'Credentials generated' },
    <>
      <PageHeader title="Credentials generated" lead={`${serviceLabel(service)}, for user ${name}`} />
      <ShownOnce name={name} cred={r.value.ServiceSpecificCredential} />
    </>,
  );
});

const resetForm = (c: ConsoleContext, name: string, id: string, problem: { error?: IamError; errors?: Record<string, string> } = {}) =>
  confirmPage(c, name, {
    title: 'Reset password',
    lead: <span class="mono">{id}</span>,
    action: userUrl(name, '/service-credentials/reset'),
    fields: { credential_id: id },
    confirmLabel: `I want a new password for credential ${id}; the current one stops working`,
    button: 'Reset password',
    warning: <p>The service stops accepting the current password at once. The new one is shown once, on the next page.</p>,
    ...problem,
  });

serviceCredentialRoutes.get('/:name/service-credentials/reset', async (c) => {
  const id = credentialId(c.req.query('id'), MIN_ID);
  if (!id) throw badId();
  return resetForm(c, (await getUser(c, c.req.param('name'))).UserName, id);
});

serviceCredentialRoutes.post('/:name/service-credentials/reset', async (c) => {
  const name = c.req.param('name');
  const form = await readForm(c);
  const id = credentialId(text(form, 'credential_id', 200), MIN_ID);
  if (!id) throw badId();
  if (!checked(form, 'confirm'))
    return resetForm(c, name, id, { errors: { confirm: 'Tick the box to confirm the password should be reset' } });
  const r = await attempt(() =>
    c.var.iam.call<{ ServiceSpecificCredential: Generated }>('ResetServiceSpecificCredential', {
      UserName: name,
      ServiceSpecificCredentialId: id,
    }),
  );
  if (!r.ok) {
    if (r.error.code === 'NoSuchEntity') throw r.error;
    return resetForm(c, name, id, { error: r.error });
  }
  const cred = r.value.ServiceSpecificCredential;
  return credentialPage(
    c,
    name,
    { title: 'Password reset' },
    <>
      <PageHeader title="Password reset" lead={`${serviceLabel(cred.ServiceName)}, for user ${name}`} />
      <ShownOnce name={name} cred={cred} />
    </>,
  );
});

serviceCredentialRoutes.route(
  '/',
  credentialLifecycleRoutes({
    segment: 'service-credentials',
    field: 'credential_id',
    param: 'ServiceSpecificCredentialId',
    minId: MIN_ID,
    updateAction: 'UpdateServiceSpecificCredential',
    deleteAction: 'DeleteServiceSpecificCredential',
    Noun: 'Credential',
    noun: 'credential',
    chooseStatus: 'Choose a credential and whether it should be Active or Inactive.',
    chooseFromList: CHOOSE_FROM_LIST,
    tickToConfirm: 'Tick the box to confirm the credential should be deleted',
    deleteTitle: 'Delete service-specific credential',
    deleteButton: 'Delete credential',
    deleteWarning: () => (
      <p>Clients that sign in to the service with this user name and password stop working. Deactivating it instead can be undone.</p>
    ),
  }),
);
