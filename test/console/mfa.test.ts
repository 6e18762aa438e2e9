// The console's virtual MFA flow, for the signed-in person (root included, via
// /console/security-credentials/mfa) and for a named user (/console/users/:name/mfa): name the
// device, scan the QR code or type the secret, enable with two consecutive codes; refused codes give
// the API's message and a fresh QR code; resync and remove. Effects are checked through the AWS SDK.
import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { Sha256Js } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import { exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mfaDevices } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { SELF_SERVICE_POLICY } from '../signin/fixtures';
import { ENDPOINT, iam, type Credentials } from '../iam/clients';
import { codeAt, wrongCode } from '../iam/totp';
import { account, Browser, consoleAsRoot, consoleAsUser, open, submit } from './fixtures';

const SELF = '/console/security-credentials/mfa';

async function setup() {
  const { browser, account: a } = await consoleAsRoot();
  const creds = { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey };
  return { browser, a, creds, sdk: iam(creds) };
}

/** What step 2 shows: the device's serial (hidden field), its secret (manual entry) and the QR image. */
function setupPage(html: string) {
  const serial = /name="serial_number" value="([^"]+)"/.exec(html)?.[1];
  const secret = /<code id="mfa-secret">([A-Z2-7]+)<\/code>/.exec(html)?.[1];
  const qr = /<img class="mfa-qr" src="data:image\/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"/.exec(html);
  if (!serial || !secret || !qr) throw new Error(`not the setup step: ${html}`);
  return { serial, secret, png: qr[1]!, alt: qr[2]! };
}

/** Step 1 then step 2 of the flow under `base`. */
async function startSetup(b: Browser, base: string, deviceName: string) {
  const res = await submit(b, `${base}/new`, { device_name: deviceName });
  expect(res.status, res.text).toBe(200);
  return setupPage(res.html);
}

const enable = (b: Browser, base: string, serial: string, code1: string, code2: string) =>
  submit(b, `${base}/enable`, { serial_number: serial, AuthenticationCode1: code1, AuthenticationCode2: code2 });

async function securityStatus(creds: Credentials) {
  const signer = new SignatureV4({ service: 'iam', region: 'us-east-1', credentials: creds, sha256: Sha256Js });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'GET',
      protocol: 'http:',
      hostname: 'localhost',
      port: 8787,
      path: '/security-status',
      headers: { host: 'localhost:8787' },
    }),
  );
  const res = await exports.default.fetch(new Request(`${ENDPOINT}/security-status`, { headers: signed.headers }));
  return (await res.json()) as { checks: { check: string; state: string }[] };
}
const rootMfaCheck = async (creds: Credentials) => (await securityStatus(creds)).checks.find((c) => c.check === 'root-mfa-enabled')?.state;

const devices = async (sdk: IAMClient, UserName?: string) =>
  ((await sdk.send(new ListMFADevicesCommand({ UserName }))).MFADevices ?? []).map((d) => d.SerialNumber);
const virtualDevices = async (sdk: IAMClient) =>
  ((await sdk.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices ?? []).map((d) => d.SerialNumber);

describe('console: MFA for the signed-in root user', () => {
  it('names the device, shows the QR code and secret, enables with two codes, and the dashboard check turns ok', async () => {
    const { browser, a, creds, sdk } = await setup();
    expect(await rootMfaCheck(creds)).not.toBe('ok');
    const step1 = await open(browser, `${SELF}/new`);
    expect(step1.status).toBe(200);
    expect(step1.html).toContain('value="root-account-mfa-device"');

    const step2 = await startSetup(browser, SELF, 'root-account-mfa-device');
    expect(step2.serial).toBe(`arn:aws:iam::${a.accountId}:mfa/root-account-mfa-device`);
    expect(step2.alt).toBe('QR code for root-account-mfa-device');
    expect(atob(step2.png).slice(1, 4)).toBe('PNG');

    const res = await enable(browser, SELF, step2.serial, codeAt(step2.secret, -1), codeAt(step2.secret, 0));
    expect(res.status, res.text).toBe(303);
    expect(res.location).toMatch(/^\/console\/security-credentials\?notice=/);
    expect(await devices(sdk)).toEqual([step2.serial]);
    expect(await rootMfaCheck(creds)).toBe('ok');
    const page = await open(browser, res.location!);
    expect(page.text).toContain('MFA device root-account-mfa-device was assigned to the root user.');
    expect(page.text).toContain(step2.serial);
  });

  it('wrong codes: the API message, nothing enabled, and a fresh QR code that then works', async () => {
    const { browser, creds, sdk } = await setup();
    const first = await startSetup(browser, SELF, 'root-account-mfa-device');
    const res = await enable(browser, SELF, first.serial, codeAt(first.secret, -1), wrongCode(first.secret));
    expect(res.status).toBe(403); // InvalidAuthenticationCode is a 403, as in AWS
    expect(res.text).toContain('Authentication code for device is not valid.');
    expect(res.text).toContain('the QR code has changed');
    expect(await devices(sdk)).toEqual([]);
    expect(await rootMfaCheck(creds)).not.toBe('ok');

    const again = setupPage(res.html);
    expect(again.serial).toBe(first.serial);
    expect(again.secret).not.toBe(first.secret);
    const ok = await enable(browser, SELF, again.serial, codeAt(again.secret, -1), codeAt(again.secret, 0));
    expect(ok.status, ok.text).toBe(303);
    expect(await devices(sdk)).toEqual([first.serial]);
  });

  it('malformed codes are field errors; an abandoned attempt does not block starting over', async () => {
    const { browser, sdk } = await setup();
    const first = await startSetup(browser, SELF, 'root-account-mfa-device');
    const res = await enable(browser, SELF, first.serial, '12345', 'abcdef');
    expect(res.status).toBe(400);
    expect(res.html).toContain('href="#AuthenticationCode1"');
    expect(res.text).toContain('Enter the next 6-digit code the app shows');
    expect(await devices(sdk)).toEqual([]);

    // The person leaves and starts over: the unassigned device of the same name is made again.
    const over = await startSetup(browser, SELF, 'root-account-mfa-device');
    expect(over.serial).toBe(first.serial);
    expect(await virtualDevices(sdk)).toEqual([first.serial]);

    const badName = await submit(browser, `${SELF}/new`, { device_name: 'my device!' });
    expect(badName.status).toBe(400);
    expect(badName.text).toContain('226 letters, digits');
  });

  it('resyncs with fresh codes, refuses replayed ones, and removes the device', async () => {
    const { browser, creds, sdk } = await setup();
    const s = await startSetup(browser, SELF, 'root-account-mfa-device');
    expect((await enable(browser, SELF, s.serial, codeAt(s.secret, -1), codeAt(s.secret, 0))).status).toBe(303);

    const form = await open(browser, `${SELF}/resync?serial=${encodeURIComponent(s.serial)}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('autocomplete="one-time-code"');
    expect(form.html).toContain('inputmode="numeric"');
    expect(form.text).toContain('A code works only once');
    const replay = await submit(browser, `${SELF}/resync`, {
      serial_number: s.serial,
      AuthenticationCode1: codeAt(s.secret, -1),
      AuthenticationCode2: codeAt(s.secret, 0),
    });
    expect(replay.status).toBe(403);
    expect(replay.text).toContain('Authentication code for device is not valid.');
    // Stand-in for waiting two steps after enabling (no sleeping in tests): the device last used an older step.
    await db()
      .update(mfaDevices)
      .set({ lastUsedStep: Math.floor(Date.now() / 30_000) - 2 })
      .where(eq(mfaDevices.serialNumber, s.serial));
    const resync = await submit(browser, `${SELF}/resync`, {
      serial_number: s.serial,
      AuthenticationCode1: codeAt(s.secret, 0),
      AuthenticationCode2: codeAt(s.secret, 1),
    });
    expect(resync.status, resync.text).toBe(303);

    const confirm = await open(browser, `${SELF}/remove?serial=${encodeURIComponent(s.serial)}`);
    expect(confirm.text).toContain('Remove MFA device');
    const removed = await submit(browser, `${SELF}/remove`, { serial_number: s.serial });
    expect(removed.status).toBe(303);
    expect((await open(browser, removed.location!)).text).toContain('MFA device root-account-mfa-device was removed.');
    expect(await devices(sdk)).toEqual([]);
    expect(await virtualDevices(sdk)).toEqual([]);
    expect(await rootMfaCheck(creds)).not.toBe('ok');
  });
});

describe('console: MFA for a named user and for an IAM user itself', () => {
  it("an administrator assigns tom's device from tom's page", async () => {
    const { browser, sdk } = await setup();
    await sdk.send(new CreateUserCommand({ UserName: 'tom' }));
    const base = '/console/users/tom/mfa';
    const step1 = await open(browser, `${base}/new`);
    expect(step1.status).toBe(200);
    expect(step1.html).toContain('name="device_name" value="tom"');
    const s = await startSetup(browser, base, 'tom');
    expect(s.alt).toBe('QR code for tom');
    const res = await enable(browser, base, s.serial, codeAt(s.secret, -1), codeAt(s.secret, 0));
    expect(res.status, res.text).toBe(303);
    expect(res.location).toMatch(/^\/console\/users\/tom\?notice=/);
    expect(await devices(sdk, 'tom')).toEqual([s.serial]);
    expect(await devices(sdk)).toEqual([]);

    const removed = await submit(browser, `${base}/remove`, { serial_number: s.serial });
    expect(removed.status).toBe(303);
    expect(await devices(sdk, 'tom')).toEqual([]);
  });

  it("an IAM user with AWS's self-service policy enables their own device on My security credentials", async () => {
    const { a, sdk } = await setup();
    const { browser } = await consoleAsUser(a.accountId, 'tom', { policies: { SelfService: SELF_SERVICE_POLICY } });
    expect((await open(browser, `${SELF}/new`)).html).toContain('name="device_name" value="tom"');
    const s = await startSetup(browser, SELF, 'tom');
    const res = await enable(browser, SELF, s.serial, codeAt(s.secret, -1), codeAt(s.secret, 0));
    expect(res.status, res.text).toBe(303);
    expect(res.location).toMatch(/^\/console\/security-credentials\?notice=/);
    expect(await devices(sdk, 'tom')).toEqual([s.serial]);
  });
});

describe('console: the MFA flow refuses what it must', () => {
  it('forged form: a stale CSRF token on every MFA form is refused and changes nothing', async () => {
    const { browser, sdk } = await setup();
    const s = await startSetup(browser, SELF, 'root-account-mfa-device');
    const codes = { serial_number: s.serial, AuthenticationCode1: codeAt(s.secret, -1), AuthenticationCode2: codeAt(s.secret, 0) };
    for (const [path, fields] of [
      ['/new', { device_name: 'other-device' }],
      ['/enable', codes],
      ['/resync', codes],
      ['/remove', { serial_number: s.serial }],
    ] as const) {
      expect((await submit(browser, `${SELF}${path}`, fields, { csrf: 'stale' })).status, path).toBe(403);
    }
    expect(await devices(sdk)).toEqual([]);
    expect(await virtualDevices(sdk)).toEqual([s.serial]);
  });

  it('a user without permissions sees the AccessDenied text and no device is made or enabled', async () => {
    const { a, sdk } = await setup();
    await sdk.send(new CreateUserCommand({ UserName: 'tom' }));
    const pending = await sdk.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'tom' }));
    const seed = new TextDecoder().decode(pending.VirtualMFADevice!.Base32StringSeed);
    const serial = pending.VirtualMFADevice!.SerialNumber!;
    const { browser } = await consoleAsUser(a.accountId, 'eve');

    const mine = await submit(browser, `${SELF}/new`, { device_name: 'eve' });
    expect(mine.status).toBe(403);
    expect(mine.text).toContain('is not authorized to perform: iam:CreateVirtualMFADevice');
    const toms = await enable(browser, '/console/users/tom/mfa', serial, codeAt(seed, -1), codeAt(seed, 0));
    expect(toms.status).toBe(403);
    expect(toms.text).toContain('is not authorized to perform: iam:EnableMFADevice');
    expect(await devices(sdk, 'tom')).toEqual([]);
    expect(await virtualDevices(sdk)).toEqual([serial]);
  });

  it("another account's user and device: not found, nothing changes there", async () => {
    const { browser } = await setup();
    const other = await account();
    const theirs = iam({ accessKeyId: other.accessKeyId, secretAccessKey: other.secretAccessKey });
    await theirs.send(new CreateUserCommand({ UserName: 'spy' }));
    const pending = await theirs.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'spy' }));
    const seed = new TextDecoder().decode(pending.VirtualMFADevice!.Base32StringSeed);
    const serial = pending.VirtualMFADevice!.SerialNumber!;

    const page = await open(browser, '/console/users/spy/mfa/new');
    expect(page.status).toBe(404);
    expect(page.text).toContain('spy');
    // Their device's serial, with valid codes, for the signed-in root: no such device here.
    const res = await enable(browser, SELF, serial, codeAt(seed, -1), codeAt(seed, 0));
    expect(res.status).toBe(404);
    expect(await devices(theirs, 'spy')).toEqual([]);
    expect(await virtualDevices(theirs)).toEqual([serial]);
  });
});
