// SSH public keys through the SDK: upload (ssh-rsa and PEM), AWS's MD5 fingerprint, Get in either
// encoding, list, status, delete, the 5-per-user quota, duplicates, weak and unrecognized keys, and
// another account's key ids and DeleteUser's conflict.
import {
  CreateUserCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  GetSSHPublicKeyCommand,
  ListSSHPublicKeysCommand,
  UpdateSSHPublicKeyCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { generateKeys, opensshPublicKey, publicKeyPem, RSA } from './certs';
import { rootClient } from './clients';

async function md5Fingerprint(blob: Uint8Array) {
  const digest = new Uint8Array(await crypto.subtle.digest('MD5', blob));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

describe('SSH public keys', () => {
  it('uploads an ssh-rsa key with AWS’s id and MD5 fingerprint, and reads it back in SSH and PEM encodings', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    const keys = await generateKeys(RSA(2048));
    const { line, blob } = await opensshPublicKey(keys);
    const { SSHPublicKey } = await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: line }));
    expect(SSHPublicKey).toMatchObject({ UserName: 'dev', Status: 'Active', SSHPublicKeyBody: line, UploadDate: expect.any(Date) });
    expect(SSHPublicKey!.SSHPublicKeyId).toMatch(/^APKA[A-Z2-7]{16}$/);
    expect(SSHPublicKey!.Fingerprint).toBe(await md5Fingerprint(blob));
    expect(SSHPublicKey!.Fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    const id = SSHPublicKey!.SSHPublicKeyId!;

    const ssh = await iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id, Encoding: 'SSH' }));
    expect(ssh.SSHPublicKey!.SSHPublicKeyBody).toBe(line.split(' ').slice(0, 2).join(' '));
    const pem = await iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id, Encoding: 'PEM' }));
    expect(pem.SSHPublicKey!.SSHPublicKeyBody!.trim()).toBe((await publicKeyPem(keys)).trim());
    expect(pem.SSHPublicKey!.Fingerprint).toBe(SSHPublicKey!.Fingerprint);

    await iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id, Status: 'Inactive' }));
    const listed = await iam.send(new ListSSHPublicKeysCommand({ UserName: 'dev' }));
    expect(listed.SSHPublicKeys).toEqual([{ UserName: 'dev', SSHPublicKeyId: id, Status: 'Inactive', UploadDate: expect.any(Date) }]);

    await expect(iam.send(new DeleteUserCommand({ UserName: 'dev' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete SSH public keys first.',
    });
    await iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id }));
    expect((await iam.send(new ListSSHPublicKeysCommand({ UserName: 'dev' }))).SSHPublicKeys).toEqual([]);
    await expect(iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id, Encoding: 'SSH' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `The Public Key with id ${id} cannot be found.`,
    });
    await iam.send(new DeleteUserCommand({ UserName: 'dev' }));
  });

  it('takes PEM keys (SPKI), gives them the same fingerprint as their OpenSSH form, and refuses the same key twice', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    const keys = await generateKeys(RSA(3072));
    const fromPem = await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: await publicKeyPem(keys) }));
    expect(fromPem.SSHPublicKey!.Fingerprint).toBe(await md5Fingerprint((await opensshPublicKey(keys)).blob));
    await expect(
      iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: (await opensshPublicKey(keys, 'other')).line })),
    ).rejects.toMatchObject({ name: 'DuplicateSSHPublicKeyException', $metadata: { httpStatusCode: 400 } });
  });

  it('refuses keys under 2048 bits, non-RSA keys and text that is no key, changing nothing', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    const weak = await opensshPublicKey(await generateKeys(RSA(1024)));
    await expect(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: weak.line }))).rejects.toMatchObject({
      name: 'InvalidPublicKeyException',
      message: expect.stringContaining('minimum bit-length is 2048'),
    });
    await expect(
      iam.send(
        new UploadSSHPublicKeyCommand({
          UserName: 'dev',
          SSHPublicKeyBody: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl x',
        }),
      ),
    ).rejects.toMatchObject({ name: 'UnrecognizedPublicKeyEncodingException' });
    await expect(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: 'not a key' }))).rejects.toMatchObject({
      name: 'UnrecognizedPublicKeyEncodingException',
    });
    await expect(
      iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB' })),
    ).rejects.toMatchObject({ name: 'InvalidPublicKeyException' });
    await expect(
      iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: 'APKAEIBAERJR2EXAMPLE', Encoding: 'DER' as 'SSH' })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect((await iam.send(new ListSSHPublicKeysCommand({ UserName: 'dev' }))).SSHPublicKeys).toEqual([]);
  });

  it('allows 5 keys per user (SSHPublicKeysPerUser) and pages the list', async () => {
    const { iam } = await rootClient();
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    for (let i = 0; i < 5; i++) {
      const { line } = await opensshPublicKey(await generateKeys(RSA(2048)));
      await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: line }));
    }
    const { line } = await opensshPublicKey(await generateKeys(RSA(2048)));
    await expect(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: line }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for SSHPublicKeysPerUser: 5',
    });
    const first = await iam.send(new ListSSHPublicKeysCommand({ UserName: 'dev', MaxItems: 3 }));
    expect(first.SSHPublicKeys).toHaveLength(3);
    expect(first.IsTruncated).toBe(true);
    const rest = await iam.send(new ListSSHPublicKeysCommand({ UserName: 'dev', Marker: first.Marker }));
    expect(rest.SSHPublicKeys).toHaveLength(2);
    expect(new Set([...first.SSHPublicKeys!, ...rest.SSHPublicKeys!].map((k) => k.SSHPublicKeyId)).size).toBe(5);
  });

  it('threat: reading or changing another account’s key by its id — it looks exactly like a missing one', async () => {
    const a = await rootClient();
    const b = await rootClient();
    await a.iam.send(new CreateUserCommand({ UserName: 'dev' }));
    await b.iam.send(new CreateUserCommand({ UserName: 'dev' }));
    const { line } = await opensshPublicKey(await generateKeys(RSA(2048)));
    const { SSHPublicKey } = await a.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: line }));
    const id = SSHPublicKey!.SSHPublicKeyId!;
    for (const call of [
      () => b.iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id, Encoding: 'SSH' })),
      () => b.iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id, Status: 'Inactive' })),
      () => b.iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id })),
    ]) {
      await expect(call()).rejects.toMatchObject({
        name: 'NoSuchEntityException',
        message: `The Public Key with id ${id} cannot be found.`,
      });
    }
    const still = await a.iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id, Encoding: 'SSH' }));
    expect(still.SSHPublicKey!.Status).toBe('Active');
  });
});
