import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetMFADeviceCommand,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
  ResyncMFADeviceCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { eq } from 'drizzle-orm';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { totpUri } from '../../packages/core/src/crypto/totp';
import { mfaDevices } from '../../packages/core/src/db/schema';
import { db } from '../helpers';
import { rootClient } from './clients';
import { allow, clientForUserWithPolicy } from './fixtures';
import { codeAt, seedText, wrongCode } from './totp';

/** A new virtual device and its seed, as an administrator's script would read them. */
async function newDevice(iam: IAMClient, name: string) {
  const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }));
  return { serial: VirtualMFADevice!.SerialNumber!, seed: seedText(VirtualMFADevice!.Base32StringSeed), png: VirtualMFADevice!.QRCodePNG! };
}

/** Enables with the codes of the previous and the current step, as a person reads them off the app. */
const enable = (iam: IAMClient, serial: string, seed: string, UserName?: string) =>
  iam.send(
    new EnableMFADeviceCommand({
      UserName,
      SerialNumber: serial,
      AuthenticationCode1: codeAt(seed, -1),
      AuthenticationCode2: codeAt(seed, 0),
    }),
  );

/** The pixels of a 1-bit grayscale PNG (true = dark), read back with the platform's inflate. */
async function readPng(png: Uint8Array): Promise<{ width: number; dark: (x: number, y: number) => boolean }> {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  let width = 0;
  const idat: Uint8Array[] = [];
  while (at < png.length) {
    const len = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      expect([...data.subarray(8, 13)]).toEqual([1, 0, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = new Uint8Array(await new Response(new Blob(idat).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer());
  const rowBytes = Math.ceil(width / 8) + 1;
  expect(raw.length).toBe(rowBytes * width);
  return { width, dark: (x, y) => (raw[y * rowBytes + 1 + (x >> 3)]! & (0x80 >> (x & 7))) === 0 };
}

describe('virtual MFA devices', () => {
  it("tom's device: created with a real QR code, enabled with two consecutive codes, listed, then retired", async () => {
    const { iam, account } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'tom' }));
    const { serial, seed, png } = await newDevice(iam, 'tom');
    expect(serial).toBe(`arn:aws:iam::${account.accountId}:mfa/tom`);
    expect(seed).toMatch(/^[A-Z2-7]{32}$/);

    // The PNG draws exactly the QR code of the otpauth:// URI an authenticator app expects.
    const { width, dark } = await readPng(png);
    const qr = encode(totpUri({ secret: seed, issuer: 'edge-iam', label: `tom@${account.accountId}` }), { ecc: 'M', border: 0 });
    const scale = width / (qr.size + 8);
    expect(Number.isInteger(scale)).toBe(true);
    for (let y = 0; y < qr.size; y++) {
      for (let x = 0; x < qr.size; x++) expect(dark((x + 4) * scale, (y + 4) * scale)).toBe(qr.data[y]![x]);
    }
    expect(dark(0, 0)).toBe(false); // the quiet zone is white

    // The seed is sealed at rest.
    const row = await db().select().from(mfaDevices).where(eq(mfaDevices.serialNumber, serial)).get();
    expect(row!.seedCiphertext).not.toContain(seed);

    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices).toEqual([
      { SerialNumber: serial },
    ]);
    await enable(iam, serial, seed, 'tom');
    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices).toEqual([]);
    const assigned = (await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }))).VirtualMFADevices!;
    expect(assigned).toEqual([
      {
        SerialNumber: serial,
        EnableDate: expect.any(Date),
        User: expect.objectContaining({ UserName: 'tom', Arn: `arn:aws:iam::${account.accountId}:user/tom` }),
      },
    ]);
    expect((await iam.send(new ListMFADevicesCommand({ UserName: 'tom' }))).MFADevices).toEqual([
      { UserName: 'tom', SerialNumber: serial, EnableDate: expect.any(Date) },
    ]);
    expect(await iam.send(new GetMFADeviceCommand({ UserName: 'tom', SerialNumber: serial }))).toMatchObject({
      UserName: 'tom',
      SerialNumber: serial,
      EnableDate: expect.any(Date),
    });

    await expect(iam.send(new DeleteUserCommand({ UserName: 'tom' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete MFA device first.',
    });
    await expect(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must deactivate MFA device first.',
    });
    await iam.send(new DeactivateMFADeviceCommand({ UserName: 'tom', SerialNumber: serial }));
    expect((await iam.send(new ListMFADevicesCommand({ UserName: 'tom' }))).MFADevices).toEqual([]);
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    await iam.send(new DeleteUserCommand({ UserName: 'tom' }));
    await expect(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('names clash (same path and name) and paths are part of the serial number', async () => {
    const { iam, account } = await rootClient();
    await newDevice(iam, 'phone');
    await expect(iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'MFADevice entity at the same path and name already exists.',
    });
    const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone', Path: '/team/' }));
    expect(VirtualMFADevice!.SerialNumber).toBe(`arn:aws:iam::${account.accountId}:mfa/team/phone`);
  });

  describe('EnableMFADevice refuses codes that do not prove possession', () => {
    it.each([
      ['a wrong code', (seed: string) => [codeAt(seed, -1), wrongCode(seed)]],
      ['the same code twice', (seed: string) => [codeAt(seed, 0), codeAt(seed, 0)]],
      ['consecutive codes in the wrong order', (seed: string) => [codeAt(seed, 0), codeAt(seed, -1)]],
      ['two steps apart', (seed: string) => [codeAt(seed, -2), codeAt(seed, 0)]],
      ['codes from ten minutes ago', (seed: string) => [codeAt(seed, -21), codeAt(seed, -20)]],
    ])('%s', async (_what, codes) => {
      const { iam } = await rootClient();
      await iam.send(new CreateUserCommand({ UserName: 'tom' }));
      const { serial, seed } = await newDevice(iam, 'tom');
      const [AuthenticationCode1, AuthenticationCode2] = codes(seed);
      await expect(
        iam.send(new EnableMFADeviceCommand({ UserName: 'tom', SerialNumber: serial, AuthenticationCode1, AuthenticationCode2 })),
      ).rejects.toMatchObject({
        name: 'InvalidAuthenticationCodeException',
        message: 'Authentication code for device is not valid.',
        $metadata: { httpStatusCode: 403 },
      });
      expect((await iam.send(new ListMFADevicesCommand({ UserName: 'tom' }))).MFADevices).toEqual([]);
    });
  });

  it('codes once used are never accepted again for the device, even after it is deactivated', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'tom' }));
    await iam.send(new CreateUserCommand({ UserName: 'jerry' }));
    const { serial, seed } = await newDevice(iam, 'shared');
    const codes = { SerialNumber: serial, AuthenticationCode1: codeAt(seed, -1), AuthenticationCode2: codeAt(seed, 0) };
    await iam.send(new EnableMFADeviceCommand({ UserName: 'tom', ...codes }));
    await expect(iam.send(new EnableMFADeviceCommand({ UserName: 'jerry', ...codes }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'MFA Device is already in use.',
    });
    await iam.send(new DeactivateMFADeviceCommand({ UserName: 'tom', SerialNumber: serial }));
    await expect(iam.send(new EnableMFADeviceCommand({ UserName: 'jerry', ...codes }))).rejects.toMatchObject({
      name: 'InvalidAuthenticationCodeException',
    });
    await expect(iam.send(new ResyncMFADeviceCommand({ UserName: 'tom', ...codes }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  it('ResyncMFADevice takes two fresh consecutive codes and refuses replayed or wrong ones', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'tom' }));
    const { serial, seed } = await newDevice(iam, 'tom');
    await enable(iam, serial, seed, 'tom');
    const replay = { UserName: 'tom', SerialNumber: serial, AuthenticationCode1: codeAt(seed, -1), AuthenticationCode2: codeAt(seed, 0) };
    await expect(iam.send(new ResyncMFADeviceCommand(replay))).rejects.toMatchObject({ name: 'InvalidAuthenticationCodeException' });
    await expect(iam.send(new ResyncMFADeviceCommand({ ...replay, AuthenticationCode2: wrongCode(seed) }))).rejects.toMatchObject({
      name: 'InvalidAuthenticationCodeException',
    });
    // Stand-in for the passing of two steps since enabling (no sleeping in tests): the device last used an older step.
    const now = Math.floor(Date.now() / 30_000);
    await db()
      .update(mfaDevices)
      .set({ lastUsedStep: now - 2 })
      .where(eq(mfaDevices.serialNumber, serial));
    await iam.send(new ResyncMFADeviceCommand({ ...replay, AuthenticationCode1: codeAt(seed, 0), AuthenticationCode2: codeAt(seed, 1) }));
    expect((await db().select().from(mfaDevices).where(eq(mfaDevices.serialNumber, serial)).get())!.lastUsedStep).toBeGreaterThan(now - 1);
  });

  it('the root user enables its own device (no UserName), shown as the account', async () => {
    const { iam, account } = await rootClient();
    const { serial, seed } = await newDevice(iam, 'root-account-mfa-device');
    await enable(iam, serial, seed);
    const row = await db().select().from(mfaDevices).where(eq(mfaDevices.serialNumber, serial)).get();
    expect(row).toMatchObject({ isRoot: true, userId: null });
    expect((await iam.send(new ListMFADevicesCommand({}))).MFADevices).toEqual([
      { UserName: account.accountId, SerialNumber: serial, EnableDate: expect.any(Date) },
    ]);
    const [listed] = (await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices!;
    expect(listed!.User).toMatchObject({ Arn: `arn:aws:iam::${account.accountId}:root`, UserId: account.accountId });
    await iam.send(new DeactivateMFADeviceCommand({ SerialNumber: serial }));
    expect((await iam.send(new ListMFADevicesCommand({}))).MFADevices).toEqual([]);
  });

  it('at most 8 devices per user', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'collector' }));
    for (let i = 1; i <= 8; i++) {
      const d = await newDevice(iam, `device-${i}`);
      await enable(iam, d.serial, d.seed, 'collector');
    }
    const ninth = await newDevice(iam, 'device-9');
    await expect(enable(iam, ninth.serial, ninth.seed, 'collector')).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for MFADevicesPerUser: 8',
    });
    expect((await iam.send(new ListMFADevicesCommand({ UserName: 'collector' }))).MFADevices).toHaveLength(8);
  });

  it('lists virtual devices a page at a time', async () => {
    const { iam } = await rootClient();
    for (const name of ['a', 'b', 'c']) await newDevice(iam, name);
    const first = await iam.send(new ListVirtualMFADevicesCommand({ MaxItems: 2 }));
    expect(first.VirtualMFADevices!.map((d) => d.SerialNumber!.split('/').pop())).toEqual(['a', 'b']);
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new ListVirtualMFADevicesCommand({ MaxItems: 2, Marker: first.Marker }));
    expect(second.VirtualMFADevices!.map((d) => d.SerialNumber!.split('/').pop())).toEqual(['c']);
    expect(second.IsTruncated).toBe(false);
  });

  it("a user without permission cannot create, enable, list or remove anyone's devices", async () => {
    const { iam, account } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'tom' }));
    const { serial, seed } = await newDevice(iam, 'tom');
    const mallory = await clientForUserWithPolicy(iam, 'mallory', allow('iam:ListUsers'));
    await expect(mallory.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mallory' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${account.accountId}:user/mallory is not authorized to perform: iam:CreateVirtualMFADevice on resource: arn:aws:iam::${account.accountId}:mfa/mallory because no identity-based policy allows the iam:CreateVirtualMFADevice action`,
    });
    await expect(enable(mallory, serial, seed, 'tom')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(enable(mallory, serial, seed)).rejects.toMatchObject({ name: 'AccessDenied' }); // to herself: still not allowed
    await expect(mallory.send(new ListVirtualMFADevicesCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(mallory.send(new ListMFADevicesCommand({ UserName: 'tom' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(mallory.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }))).rejects.toMatchObject({ name: 'AccessDenied' });
    // The refused codes were not spent: tom's administrator can still enable with them.
    await enable(iam, serial, seed, 'tom');
  });
});
