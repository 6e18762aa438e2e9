// The access-key flow: create a key (its secret shown once, with AWS's accessKeys.csv to keep it),
// deactivate or activate one, and delete one after a confirmation page. Mounted twice: under
// /console/users/:name/access-keys for a named user, and under /console/security-credentials/access-keys
// for whoever is signed in. Without a name, every action goes without UserName, which the API reads
// as "the caller's own keys" (the root user's for root), so the same pages serve both.
//
// AccessKeysTable and loadAccessKeys are exported so the user detail page and My security credentials
// show the same table with the same buttons.
import type { FC } from 'hono/jsx';
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, checked, encode, IamError, page, readForm, statusFor, text, type PageOptions } from '../../render';
import { ConfirmForm, Copyable, CsrfField, ErrorSummary, PageHeader, SecretValue, Time, type FieldErrors } from '../../ui/components';
import { DownloadCsv } from '../../ui/csv';

export interface AccessKeyRow {
  AccessKeyId: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
  /** from GetAccessKeyLastUsed; undefined when the caller may not read it */
  lastUsed?: { LastUsedDate?: string; ServiceName?: string; Region?: string } | undefined;
}

/** The keys of `userName` (the caller's own without it), each with when and where it was last used. */
export async function loadAccessKeys(c: ConsoleContext, userName?: string): Promise<AccessKeyRow[]> {
  const listed = await c.var.iam.call<{ AccessKeyMetadata?: AccessKeyRow[] }>('ListAccessKeys', { UserName: userName });
  // AWS allows two keys per user, so one call per key is cheap; a refused lookup only blanks its column.
  return Promise.all(
    (listed.AccessKeyMetadata ?? []).map(async (k) => {
      const used = await attempt(() =>
        c.var.iam.call<{ AccessKeyLastUsed?: AccessKeyRow['lastUsed'] }>('GetAccessKeyLastUsed', { AccessKeyId: k.AccessKeyId }),
      );
      return { ...k, lastUsed: used.ok ? (used.value.AccessKeyLastUsed ?? {}) : undefined };
    }),
  );
}

const LastUsed: FC<{ used: AccessKeyRow['lastUsed'] }> = ({ used }) => {
  if (!used) return <span class="muted">Not available</span>;
  if (!used.LastUsedDate) return <span class="muted">Never used</span>;
  const where = [used.ServiceName, used.Region].filter((v) => v && v !== 'N/A').join(' in ');
  return (
    <>
      <Time value={used.LastUsedDate} />
      {where ? <span class="hint">{where}</span> : null}
    </>
  );
};

/** The keys table with its buttons; `base` is where this flow is mounted for the keys' owner. */
export const AccessKeysTable: FC<{ keys: readonly AccessKeyRow[]; base: string; csrf: string }> = ({ keys, base, csrf }) => (
  <div class="access-keys">
    <div class="table-wrap" role="region" aria-label="Access keys" tabindex={0}>
      <table>
        <caption>Access keys</caption>
        <thead>
          <tr>
            <th scope="col">Access key ID</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {keys.length === 0 ? (
            <tr>
              <td colspan={5} class="empty">
                No access keys.
              </td>
            </tr>
          ) : (
            keys.map((k) => {
              const next = k.Status === 'Active' ? 'Inactive' : 'Active';
              return (
                <tr>
                  <td class="mono">{k.AccessKeyId}</td>
                  <td class={k.Status === 'Active' ? 'status-ok' : 'status-warn'}>{k.Status}</td>
                  <td>
                    <Time value={k.CreateDate} />
                  </td>
                  <td>
                    <LastUsed used={k.lastUsed} />
                  </td>
                  <td>
                    <div class="button-row">
                      <form method="post" action={`${base}/status`} class="inline">
                        <CsrfField token={csrf} />
                        <input type="hidden" name="access_key_id" value={k.AccessKeyId} />
                        <input type="hidden" name="status" value={next} />
                        <button type="submit" class="secondary small">
                          {next === 'Inactive' ? 'Deactivate' : 'Activate'}
                          <span class="visually-hidden"> access key {k.AccessKeyId}</span>
                        </button>
                      </form>
                      <a href={`${base}/delete?access_key_id=${encode(k.AccessKeyId)}`}>
                        Delete<span class="visually-hidden"> access key {k.AccessKeyId}</span>
                      </a>
                    </div>
                  </td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
    <p class="access-keys-create">
      <a class="button secondary" href={`${base}/create`}>
        Create access key
      </a>
      <span class="hint">A user may have at most two access keys; rotate by creating the second, then deleting the old one.</span>
    </p>
  </div>
);

/** Whose keys these pages are about: a named user, or (no name) the signed-in person themselves. */
function ownerOf(c: ConsoleContext) {
  const name = (c.req.param() as { name?: string }).name;
  if (name !== undefined) {
    const detail = `/console/users/${encode(name)}`;
    return {
      name,
      label: `user ${name}`,
      base: `${detail}/access-keys`,
      back: `${detail}#security-credentials`,
      frame: { section: 'users', crumbs: [['Users', '/console/users'] as const, [name, detail] as const] } satisfies Partial<PageOptions>,
      csvName: name,
    };
  }
  const me = c.var.session.principal;
  return {
    name: undefined,
    label: 'you',
    base: '/console/security-credentials/access-keys',
    back: '/console/security-credentials#access-keys',
    frame: {
      section: 'credentials',
      crumbs: [['My security credentials', '/console/security-credentials'] as const],
    } satisfies Partial<PageOptions>,
    csvName: me.userName ?? 'root',
  };
}

/** Back to the page the keys are listed on, with a notice (keeps the `#fragment`, unlike a bare URL rewrite). */
function back(c: ConsoleContext, to: string, notice: string) {
  const [path, hash] = to.split('#');
  return c.redirect(`${path}?notice=${encode(notice.slice(0, 300))}${hash ? `#${hash}` : ''}`, 303);
}

const BackLink: FC<{ href: string; owner: string }> = ({ href, owner }) => (
  <p>
    <a href={href}>Back to the security credentials of {owner}</a>
  </p>
);

export const accessKeyPages = new Hono<ConsoleEnv>();

function createForm(c: ConsoleContext, error?: IamError) {
  const o = ownerOf(c);
  return page(
    c,
    { title: 'Create access key', ...o.frame, ...(error ? { status: statusFor(error) } : {}) },
    <>
      <PageHeader title="Create access key" lead={o.name ? `For user ${o.name}` : 'For your own sign-in'} />
      <ErrorSummary message={error?.message} />
      <div class="panel">
        <p>
          An access key lets a program (the AWS CLI, an SDK) act with {o.name ? `${o.name}'s` : 'your'} permissions. Prefer short-lived
          credentials (roles) where you can; never put a key in source code, and deactivate a key as soon as it is no longer needed.
        </p>
        {o.name ? null : c.var.session.principal.kind === 'root' ? (
          <p class="warning">
            This is a root user access key: it can do anything in the account and cannot be limited by policies. AWS recommends not creating
            one.
          </p>
        ) : null}
        <form method="post" action={`${o.base}/create`} class="stack">
          <CsrfField token={c.var.csrfToken} />
          <div class="button-row">
            <button type="submit">Create access key</button>
            <a href={o.back}>Cancel</a>
          </div>
        </form>
      </div>
    </>,
  );
}

accessKeyPages.get('/create', (c) => createForm(c));

accessKeyPages.post('/create', async (c) => {
  const o = ownerOf(c);
  const made = await attempt(() =>
    c.var.iam.call<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string; UserName?: string } }>('CreateAccessKey', {
      UserName: o.name,
    }),
  );
  if (!made.ok) return createForm(c, made.error);
  const key = made.value.AccessKey;
  // The secret is in this response only: no redirect, nothing kept (the page is sent no-store).
  return page(
    c,
    { title: 'Access key created', ...o.frame },
    <>
      <PageHeader title="Access key created" lead={o.name ? `For user ${o.name}` : 'For your own sign-in'} />
      <div class="warning" role="status">
        This is the only time the secret access key can be viewed or downloaded. You cannot recover it later; if you lose it, create a new
        key and delete this one.
      </div>
      <div class="panel access-keys-created">
        <dl class="summary">
          <div>
            <dt>Access key ID</dt>
            <dd>
              <Copyable value={key.AccessKeyId} id="access-key-id" label="access key ID" />
            </dd>
          </div>
          <div>
            <dt>Secret access key</dt>
            <dd>
              <SecretValue label="Secret access key" value={key.SecretAccessKey} id="secret-access-key" />
            </dd>
          </div>
        </dl>
        <div class="button-row">
          <DownloadCsv
            filename={`${o.csvName}_accessKeys.csv`}
            header={['Access key ID', 'Secret access key']}
            rows={[[key.AccessKeyId, key.SecretAccessKey]]}
          />
        </div>
      </div>
      <BackLink href={o.back} owner={o.label} />
    </>,
  );
});

const STATUSES = ['Active', 'Inactive'] as const;

accessKeyPages.post('/status', async (c) => {
  const o = ownerOf(c);
  const form = await readForm(c);
  const id = text(form, 'access_key_id', 128);
  const status = text(form, 'status', 16);
  let error: IamError | undefined;
  if (!id || !STATUSES.includes(status as (typeof STATUSES)[number])) {
    error = new IamError('InvalidInput', 'Choose an access key and whether it should be Active or Inactive.');
  } else {
    const done = await attempt(() => c.var.iam.call('UpdateAccessKey', { UserName: o.name, AccessKeyId: id, Status: status }));
    if (done.ok) return back(c, o.back, `Access key ${id} is now ${status === 'Active' ? 'active' : 'inactive'}.`);
    error = done.error;
  }
  return page(
    c,
    { title: 'Access key not changed', ...o.frame, status: statusFor(error) },
    <>
      <h1>Access key not changed</h1>
      <ErrorSummary message={error.message} />
      <BackLink href={o.back} owner={o.label} />
    </>,
  );
});

async function deleteForm(c: ConsoleContext, id: string, problem?: { error?: IamError; errors?: FieldErrors }) {
  const o = ownerOf(c);
  // The key's details when the caller may list them; the form works either way.
  const keys = await attempt(() => c.var.iam.call<{ AccessKeyMetadata?: AccessKeyRow[] }>('ListAccessKeys', { UserName: o.name }));
  const key = keys.ok ? keys.value.AccessKeyMetadata?.find((k) => k.AccessKeyId === id) : undefined;
  const status = problem?.error ? statusFor(problem.error) : problem?.errors ? 400 : undefined;
  return page(
    c,
    { title: 'Delete access key', ...o.frame, ...(status ? { status } : {}) },
    <>
      <PageHeader title="Delete access key" lead={<span class="mono">{id}</span>} />
      <ErrorSummary message={problem?.error?.message} errors={problem?.errors} />
      <div class="panel">
        {key ? (
          <p>
            This key is <strong>{key.Status === 'Active' ? 'active' : 'inactive'}</strong>, created <Time value={key.CreateDate} />.
          </p>
        ) : null}
        {key?.Status === 'Active' ? (
          <p class="warning">Programs that use this key will stop working at once. Deactivating it first lets you check nothing breaks.</p>
        ) : null}
        <p>A deleted key cannot be recovered.</p>
        <ConfirmForm
          action={`${o.base}/delete`}
          csrf={c.var.csrfToken}
          fields={{ access_key_id: id }}
          error={problem?.errors?.confirm}
          label={`I want to delete access key ${id} permanently`}
          button="Delete access key"
          cancel={o.back}
        />
      </div>
    </>,
  );
}

accessKeyPages.get('/delete', (c) => {
  const id = c.req.query('access_key_id')?.trim().slice(0, 128);
  if (!id) throw new IamError('InvalidInput', 'Choose the access key to delete from the list of access keys.');
  return deleteForm(c, id);
});

accessKeyPages.post('/delete', async (c) => {
  const o = ownerOf(c);
  const form = await readForm(c);
  const id = text(form, 'access_key_id', 128);
  if (!id) throw new IamError('InvalidInput', 'Choose the access key to delete from the list of access keys.');
  if (!checked(form, 'confirm')) return deleteForm(c, id, { errors: { confirm: 'Tick the box to confirm the key should be deleted' } });
  const done = await attempt(() => c.var.iam.call('DeleteAccessKey', { UserName: o.name, AccessKeyId: id }));
  if (!done.ok) return deleteForm(c, id, { error: done.error });
  return back(c, o.back, `Access key ${id} was deleted.`);
});
