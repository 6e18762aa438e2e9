// SSH public keys of IAM users (CodeCommit): UploadSSHPublicKey, GetSSHPublicKey (Encoding SSH or PEM),
// ListSSHPublicKeys, UpdateSSHPublicKey, DeleteSSHPublicKey. Keys are RSA of at least 2048 bits, in
// OpenSSH or PEM form (crypto/ssh-public-key); the fingerprint is AWS's MD5 form. At most 5 per user.
// ListSSHPublicKeys without UserName lists the calling user's keys, as in AWS.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { parseSshPublicKey } from '@edge-iam/core/crypto';
import {
  deleteSshPublicKeyStatement,
  findSshPublicKey,
  listSshPublicKeys,
  MAX_SSH_PUBLIC_KEYS_PER_USER,
  newSshPublicKey,
  setSshPublicKeyStatusStatement,
  type SshPublicKeyRow,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { awsString, marker, maxItems, name64, status } from '../params';
import { credentialOwner, type CredentialOwner } from './credential-owner';

const publicKeyId = awsString(20, 128, /^[\w]+$/, '[\\w]+');
const publicKeyBody = awsString(1, 16384, /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+');
const encoding = z.enum(['SSH', 'PEM'], { error: () => 'Member must satisfy enum value set: [SSH, PEM]' });

const noSuchKey = (id: string) => new IamError('NoSuchEntity', `The Public Key with id ${id} cannot be found.`);

/** The named user (UserName is required where AWS requires it) and the user's tags for the condition keys. */
async function keyOwner(ctx: ActionContext, userName: string | undefined): Promise<CredentialOwner & { userId: string }> {
  const owner = await credentialOwner(ctx, userName);
  await ctx.authorize(owner.arn, { facts: owner.facts });
  // The root user has no SSH keys in AWS: CodeCommit is reached as an IAM user.
  if (owner.userId === null) throw new IamError('ValidationError', 'Must specify userName when calling with non-User credentials');
  return owner as CredentialOwner & { userId: string };
}

async function requireKey(ctx: ActionContext, owner: { userId: string }, id: string): Promise<SshPublicKeyRow> {
  const key = await findSshPublicKey(ctx.db, ctx.accountId, owner.userId, id);
  if (!key) throw noSuchKey(id);
  return key;
}

export const sshPublicKeysActions: ActionTable = {
  UploadSSHPublicKey: action(z.object({ UserName: name64, SSHPublicKeyBody: publicKeyBody }), async (ctx, p) => {
    const owner = await keyOwner(ctx, p.UserName);
    const key = await parseSshPublicKey(p.SSHPublicKeyBody);
    const body = p.SSHPublicKeyBody.trim();
    const row = newSshPublicKey(ctx.db, {
      accountId: ctx.accountId,
      userId: owner.userId,
      body,
      fingerprint: key.fingerprint,
      now: ctx.now,
    });
    const duplicate = () =>
      new IamError(
        'DuplicateSSHPublicKey',
        'The request was rejected because the SSH public key is already associated with the specified IAM user.',
      );
    await ctx.commit([row.insert], owner.arn, duplicate, row.inserted);
    if (!(await findSshPublicKey(ctx.db, ctx.accountId, owner.userId, row.id))) {
      throw new IamError('LimitExceeded', `Cannot exceed quota for SSHPublicKeysPerUser: ${MAX_SSH_PUBLIC_KEYS_PER_USER}`);
    }
    return {
      SSHPublicKey: {
        UserName: owner.userName,
        SSHPublicKeyId: row.id,
        Fingerprint: key.fingerprint,
        SSHPublicKeyBody: body,
        Status: 'Active',
        UploadDate: ctx.now,
      },
    };
  }),

  GetSSHPublicKey: action(z.object({ UserName: name64, SSHPublicKeyId: publicKeyId, Encoding: encoding }), async (ctx, p) => {
    const owner = await keyOwner(ctx, p.UserName);
    const row = await requireKey(ctx, owner, p.SSHPublicKeyId);
    const key = await parseSshPublicKey(row.body);
    return {
      SSHPublicKey: {
        UserName: owner.userName,
        SSHPublicKeyId: row.id,
        Fingerprint: row.fingerprint,
        SSHPublicKeyBody: p.Encoding === 'PEM' ? key.pem : key.ssh,
        Status: row.status,
        UploadDate: row.uploadedAt,
      },
    };
  }),

  ListSSHPublicKeys: action(
    z.object({ UserName: name64.optional(), Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      const owner = await credentialOwner(ctx, p.UserName);
      await ctx.authorize(owner.arn, { facts: owner.facts });
      const after = decodeMarker(p.Marker);
      // The root user (no UserName, root credentials) has no SSH keys: an empty list.
      const all = owner.userId === null ? [] : await listSshPublicKeys(ctx.db, ctx.accountId, owner.userId);
      const rows = all.filter((k) => after === undefined || k.id > after);
      const pg = page(rows, p.MaxItems ?? DEFAULT_MAX_ITEMS, (k) => k.id);
      return {
        SSHPublicKeys: pg.items.map((k) => ({
          UserName: owner.userName,
          SSHPublicKeyId: k.id,
          Status: k.status,
          UploadDate: k.uploadedAt,
        })),
        IsTruncated: pg.IsTruncated,
        Marker: pg.Marker,
      };
    },
  ),

  UpdateSSHPublicKey: action(z.object({ UserName: name64, SSHPublicKeyId: publicKeyId, Status: status }), async (ctx, p) => {
    const owner = await keyOwner(ctx, p.UserName);
    const key = await requireKey(ctx, owner, p.SSHPublicKeyId);
    await ctx.commit([setSshPublicKeyStatusStatement(ctx.db, key.id, p.Status)], owner.arn);
    return undefined;
  }),

  DeleteSSHPublicKey: action(z.object({ UserName: name64, SSHPublicKeyId: publicKeyId }), async (ctx, p) => {
    const owner = await keyOwner(ctx, p.UserName);
    const key = await requireKey(ctx, owner, p.SSHPublicKeyId);
    await ctx.commit([deleteSshPublicKeyStatement(ctx.db, key.id)], owner.arn);
    return undefined;
  }),
};
