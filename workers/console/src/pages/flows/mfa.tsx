// The virtual MFA device flow, mounted twice: under /console/users/:name/mfa for a named user, and
// under /console/security-credentials/mfa for whoever is signed in (root included: without UserName
// the API acts on the caller). Step 1 names the device; step 2 creates it (CreateVirtualMFADevice)
// and shows its QR code and secret once, with the form for two consecutive codes (EnableMFADevice).
// Also: resync (ResyncMFADevice) and remove (DeactivateMFADevice, then DeleteVirtualMFADevice).
//
// The seed is never kept by the console, and the API returns it only from CreateVirtualMFADevice
// (ListVirtualMFADevices has no seed). So when the codes are refused, the unassigned device is
// deleted and made again under the same name, and the page says to scan the new QR code.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { attempt, encode, page, readForm, redirectWithNotice, statusFor, text, type IamError, type PageOptions } from '../../render';
import { CsrfField, ErrorSummary, PageHeader, SecretValue, TextField, type FieldErrors } from '../../ui/components';

export const mfaPages = new Hono<ConsoleEnv>();

interface Owner {
  /** UserName for the API: the named user, or none (the caller itself) */
  params: { UserName?: string };
  base: string;
  back: string;
  defaultDevice: string;
  /** who the device is for, in a sentence */
  label: string;
  frame: Pick<PageOptions, 'section' | 'crumbs'>;
}

function ownerOf(c: ConsoleContext): Owner {
  const name = c.req.param('name') as string | undefined;
  if (name) {
    const user = `/console/users/${encode(name)}`;
    return {
      params: { UserName: name },
      base: `${user}/mfa`,
      back: `${user}#security-credentials`,
      defaultDevice: name,
      label: `user ${name}`,
      frame: {
        section: 'users',
        crumbs: [
          ['Users', '/console/users'],
          [name, user],
        ],
      },
    };
  }
  const p = c.var.session.principal;
  return {
    params: {},
    base: '/console/security-credentials/mfa',
    back: '/console/security-credentials#mfa',
    defaultDevice: p.kind === 'root' || !p.userName ? 'root-account-mfa-device' : p.userName,
    label: p.kind === 'root' ? 'the root user' : `you (${p.userName})`,
    frame: { section: 'credentials', crumbs: [['My security credentials', '/console/security-credentials']] },
  };
}

type Problem = { error?: IamError; message?: string; fields?: FieldErrors; status?: 400 | 403 | 404 | 409 | 429 };

interface Device {
  SerialNumber: string;
  Base32StringSeed: string;
  QRCodePNG: string;
}

// AWS's VirtualMFADeviceName, SerialNumber and authentication code rules, checked before any call.
const DEVICE_NAME = /^[\w+=,.@-]{1,226}$/;
const SERIAL = /^[\w+=/:,.@-]{9,256}$/;
const CODE = /^\d{6}$/;

const CODE_HINT =
  'Enter the 6-digit code your app shows, wait for it to change (up to 30 seconds), then enter the next one. A code works only once: if one was refused, wait for the next code rather than typing it again.';

const Steps = ({ at }: { at: 1 | 2 }) => (
  <ol class="steps-nav" aria-label="Steps">
    <li aria-current={at === 1 ? 'step' : undefined}>1. Name the device</li>
    <li aria-current={at === 2 ? 'step' : undefined}>2. Set up the device</li>
  </ol>
);

function renderName(c: ConsoleContext, o: Owner, value: string, problem: Problem = {}) {
  return page(
    c,
    { title: 'Assign MFA device', ...o.frame, status: problem.status },
    <>
      <ErrorSummary message={problem.error?.message} errors={problem.fields} />
      <Steps at={1} />
      <PageHeader title="Assign MFA device" lead={`A virtual MFA device for ${o.label}: an authenticator app on a phone or computer.`} />
      <form method="post" action={`${o.base}/new`} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <TextField
          label="Device name"
          name="device_name"
          value={value}
          maxlength={226}
          required
          error={problem.fields?.device_name}
          hint="Up to 226 letters, digits and + = , . @ _ -. It names the device in the account, so it must be unused."
        />
        <div class="button-row">
          <button type="submit">Next: set up the device</button>
          <a href={o.back}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

// The last part of the serial number is the device name; what comes between `mfa` and it, the path.
function nameOf(serial: string): { name: string; path: string } {
  const resource = serial.slice(serial.indexOf(':mfa/') + 4);
  const cut = resource.lastIndexOf('/');
  return { name: resource.slice(cut + 1), path: resource.slice(0, cut + 1) || '/' };
}

function renderSetup(c: ConsoleContext, o: Owner, device: Device, problem: Problem = {}) {
  const { name } = nameOf(device.SerialNumber);
  return page(
    c,
    { title: 'Set up virtual MFA device', ...o.frame, status: problem.status },
    <>
      <ErrorSummary message={problem.message ?? problem.error?.message} errors={problem.fields} />
      <Steps at={2} />
      <PageHeader title="Set up virtual MFA device" lead={`Device ${name} for ${o.label}.`} />
      <ol class="mfa-steps">
        <li>Open an authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password).</li>
        <li>
          <p>Add an account in the app by scanning this QR code.</p>
          <img class="mfa-qr" src={`data:image/png;base64,${device.QRCodePNG}`} alt={`QR code for ${name}`} width={200} height={200} />
          <p class="hint">If you cannot scan it, type the secret key into the app instead.</p>
          <SecretValue label="Secret key" value={atob(device.Base32StringSeed)} id="mfa-secret" />
        </li>
        <li>
          <form method="post" action={`${o.base}/enable`} class="stack">
            <CsrfField token={c.var.csrfToken} />
            <input type="hidden" name="serial_number" value={device.SerialNumber} />
            <CodeFields problem={problem} />
            <div class="button-row">
              <button type="submit">Add MFA device</button>
              <a href={o.back}>Cancel</a>
            </div>
          </form>
        </li>
      </ol>
    </>,
  );
}

const CodeFields = ({ problem }: { problem: Problem }) => (
  <>
    {(['AuthenticationCode1', 'AuthenticationCode2'] as const).map((field, i) => (
      <TextField
        label={i === 0 ? 'MFA code 1' : 'MFA code 2 (the next code)'}
        name={field}
        hint={i === 0 ? CODE_HINT : undefined}
        inputmode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9]{6}"
        maxlength={6}
        required
        mono
        error={problem.fields?.[field]}
      />
    ))}
  </>
);

function codeProblems(code1: string, code2: string): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!CODE.test(code1)) fields.AuthenticationCode1 = 'Enter the 6-digit code the app shows';
  if (!CODE.test(code2)) fields.AuthenticationCode2 = 'Enter the next 6-digit code the app shows';
  return fields;
}

/**
 * CreateVirtualMFADevice. A name still held by an unassigned device (an earlier attempt abandoned
 * before its codes were entered) is freed and used again, as a person starting over expects.
 */
async function createDevice(c: ConsoleContext, name: string, path = '/'): Promise<Device> {
  const iam = c.var.iam;
  const create = async () =>
    (
      await iam.call<{ VirtualMFADevice: Device }>('CreateVirtualMFADevice', {
        VirtualMFADeviceName: name,
        Path: path === '/' ? undefined : path,
      })
    ).VirtualMFADevice;
  const first = await attempt(create);
  if (first.ok) return first.value;
  if (first.error.code !== 'EntityAlreadyExists') throw first.error;
  const pending = await attempt(() =>
    iam.call<{ VirtualMFADevices?: { SerialNumber: string }[] }>('ListVirtualMFADevices', {
      AssignmentStatus: 'Unassigned',
      MaxItems: 1000,
    }),
  );
  const wanted = `:mfa${path}${name}`.toLowerCase();
  const stale = pending.ok ? pending.value.VirtualMFADevices?.find((d) => d.SerialNumber.toLowerCase().endsWith(wanted)) : undefined;
  if (!stale) throw first.error;
  await iam.call('DeleteVirtualMFADevice', { SerialNumber: stale.SerialNumber });
  return create();
}

/**
 * A named user that does not exist (or is another account's) is NoSuchEntity before any device is
 * made for it. Only that answer counts: a person who may not list devices may still be allowed to add one.
 */
async function requireKnownUser(c: ConsoleContext, o: Owner) {
  if (!o.params.UserName) return;
  const seen = await attempt(() => c.var.iam.call('ListMFADevices', { ...o.params, MaxItems: 1 }));
  if (!seen.ok && seen.error.code === 'NoSuchEntity') throw seen.error;
}

mfaPages.get('/new', async (c) => {
  const o = ownerOf(c);
  await requireKnownUser(c, o);
  return renderName(c, o, o.defaultDevice);
});

mfaPages.post('/new', async (c) => {
  const o = ownerOf(c);
  await requireKnownUser(c, o);
  const name = text(await readForm(c), 'device_name', 1024);
  if (!DEVICE_NAME.test(name)) {
    const message = name ? 'The device name may have up to 226 letters, digits and + = , . @ _ -' : 'Enter a device name';
    return renderName(c, o, name, { fields: { device_name: message }, status: 400 });
  }
  const made = await attempt(() => createDevice(c, name));
  if (!made.ok) {
    const e = made.error;
    return renderName(
      c,
      o,
      name,
      e.code === 'EntityAlreadyExists' ? { fields: { device_name: e.message }, status: 409 } : { error: e, status: statusFor(e) },
    );
  }
  return renderSetup(c, o, made.value);
});

/** Refused codes: the same device name with a fresh seed, since the old QR code cannot be shown again. */
async function retrySetup(c: ConsoleContext, o: Owner, serial: string, problem: Problem) {
  const { name, path } = nameOf(serial);
  const again = await attempt(async () => {
    await c.var.iam.call('DeleteVirtualMFADevice', { SerialNumber: serial });
    return createDevice(c, name, path);
  });
  const why = problem.message ?? problem.error?.message ?? 'Check the codes.';
  if (!again.ok) return renderFailed(c, o, `${why} A new QR code could not be made: ${again.error.message}`, problem.status ?? 400);
  const message = `${why} For safety the QR code has changed: delete the entry you just added in your app, scan the new code below, then enter two new codes.`;
  return renderSetup(c, o, again.value, { ...problem, message });
}

function renderFailed(c: ConsoleContext, o: Owner, message: string, status: 400 | 403 | 404 | 409 | 429) {
  return page(
    c,
    { title: 'The MFA device was not added', ...o.frame, status },
    <>
      <ErrorSummary message={message} />
      <h1>The MFA device was not added</h1>
      <p>
        <a href={`${o.base}/new`}>Start again</a> or <a href={o.back}>go back</a>.
      </p>
    </>,
  );
}

mfaPages.post('/enable', async (c) => {
  const o = ownerOf(c);
  const form = await readForm(c);
  const serial = text(form, 'serial_number', 300);
  const [code1, code2] = [text(form, 'AuthenticationCode1', 20), text(form, 'AuthenticationCode2', 20)];
  if (!SERIAL.test(serial) || !serial.includes(':mfa/')) return renderFailed(c, o, 'The form did not name an MFA device.', 400);
  const fields = codeProblems(code1, code2);
  if (Object.keys(fields).length > 0) return retrySetup(c, o, serial, { message: 'Enter two 6-digit codes.', fields, status: 400 });
  const enabled = await attempt(() =>
    c.var.iam.call('EnableMFADevice', { ...o.params, SerialNumber: serial, AuthenticationCode1: code1, AuthenticationCode2: code2 }),
  );
  if (enabled.ok) return redirectWithNotice(c, o.back, `MFA device ${nameOf(serial).name} was assigned to ${o.label}.`);
  const e = enabled.error;
  if (e.code === 'InvalidAuthenticationCode') return retrySetup(c, o, serial, { error: e, status: statusFor(e) });
  return renderFailed(c, o, e.message, statusFor(e));
});

function renderDeviceForm(c: ConsoleContext, o: Owner, kind: 'resync' | 'remove', serial: string, problem: Problem = {}) {
  const title = kind === 'resync' ? 'Resynchronize MFA device' : 'Remove MFA device';
  return page(
    c,
    { title, ...o.frame, status: problem.status },
    <>
      <ErrorSummary message={problem.error?.message} errors={problem.fields} />
      <PageHeader
        title={title}
        lead={
          kind === 'resync'
            ? `If the device's codes are refused, prove it still works with two consecutive codes. Device: ${serial}`
            : `Remove ${serial} from ${o.label}? Signing in will no longer ask for its codes, and the device is deleted.`
        }
      />
      <form method="post" action={`${o.base}/${kind}`} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="serial_number" value={serial} />
        {kind === 'resync' ? <CodeFields problem={problem} /> : null}
        <div class="button-row">
          <button type="submit" class={kind === 'remove' ? 'danger' : undefined}>
            {kind === 'resync' ? 'Resynchronize' : 'Remove MFA device'}
          </button>
          <a href={o.back}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

for (const kind of ['resync', 'remove'] as const) {
  mfaPages.get(`/${kind}`, (c) => {
    const serial = (c.req.query('serial') ?? '').slice(0, 256);
    if (!SERIAL.test(serial)) return renderFailed(c, ownerOf(c), 'The link did not name an MFA device.', 400);
    return renderDeviceForm(c, ownerOf(c), kind, serial);
  });
}

mfaPages.post('/resync', async (c) => {
  const o = ownerOf(c);
  const form = await readForm(c);
  const serial = text(form, 'serial_number', 300);
  const [code1, code2] = [text(form, 'AuthenticationCode1', 20), text(form, 'AuthenticationCode2', 20)];
  const fields = codeProblems(code1, code2);
  if (!SERIAL.test(serial)) return renderFailed(c, o, 'The form did not name an MFA device.', 400);
  if (Object.keys(fields).length > 0) return renderDeviceForm(c, o, 'resync', serial, { fields, status: 400 });
  const done = await attempt(() =>
    c.var.iam.call('ResyncMFADevice', { ...o.params, SerialNumber: serial, AuthenticationCode1: code1, AuthenticationCode2: code2 }),
  );
  if (!done.ok) return renderDeviceForm(c, o, 'resync', serial, { error: done.error, status: statusFor(done.error) });
  return redirectWithNotice(c, o.back, `MFA device ${nameOf(serial).name} was resynchronized.`);
});

mfaPages.post('/remove', async (c) => {
  const o = ownerOf(c);
  const serial = text(await readForm(c), 'serial_number', 300);
  if (!SERIAL.test(serial)) return renderFailed(c, o, 'The form did not name an MFA device.', 400);
  const off = await attempt(() => c.var.iam.call('DeactivateMFADevice', { ...o.params, SerialNumber: serial }));
  if (!off.ok) return renderDeviceForm(c, o, 'remove', serial, { error: off.error, status: statusFor(off.error) });
  // Deactivated is what protects the person; a refused delete only leaves an unassigned device behind.
  const gone = await attempt(() => c.var.iam.call('DeleteVirtualMFADevice', { SerialNumber: serial }));
  const { name } = nameOf(serial);
  return redirectWithNotice(
    c,
    o.back,
    gone.ok ? `MFA device ${name} was removed.` : `MFA device ${name} was deactivated but not deleted: ${gone.error.message}`,
  );
});
