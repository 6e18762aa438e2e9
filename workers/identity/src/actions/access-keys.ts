// Access keys: CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed.
// Without UserName, an action applies to the caller's own keys (the root user's for root), as in AWS.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { iamArn, rootArn } from '@edge-iam/core/arn';
import {
  deleteAccessKeyStatement,
  findAccessKey,
  getAccessKey,
  listAccessKeys,
  MAX_ACCESS_KEYS_PER_USER,
  newAccessKey,
  setAccessKeyStatusStatement,
  findUserById,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { credentialOwner } from './credential-owner';
import type { ActionContext } from '../context';
import { userArn } from '../entities';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { resourceFacts, UNTAGGED } from './request-facts';
import { accessKeyId, marker, maxItems, name64, status } from '../params';

const noSuchKey = (id: string) => new IamError('NoSuchEntity', `The Access Key with id ${id} cannot be found.`);

export const accessKeysActions: ActionTable = {
  CreateAccessKey: action(z.object({ UserName: name64.optional() }), async (ctx, p) => {
    const owner = await credentialOwner(ctx, p.UserName);
    await ctx.authorize(owner.arn, { facts: owner.facts });
    const key = await newAccessKey(ctx.db, ctx.keys, ctx.accountId, owner.userId, ctx.now);
    await ctx.commit([key.insert], owner.arn, undefined, key.inserted);
    if (!(await getAccessKey(ctx.db, ctx.accountId, key.id))) {
      throw new IamError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${MAX_ACCESS_KEYS_PER_USER}`);
    }
    // INVARIANT: the only time the secret leaves the service; it is stored sealed.
    return {
      AccessKey: { UserName: owner.userName, AccessKeyId: key.id, Status: 'Active', SecretAccessKey: key.secret, CreateDate: ctx.now },
    };
  }),

  ListAccessKeys: action(
    z.object({ UserName: name64.optional(), Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      const owner = await credentialOwner(ctx, p.UserName);
      await ctx.authorize(owner.arn, { facts: owner.facts });
      const after = decodeMarker(p.Marker);
      const rows = (await listAccessKeys(ctx.db, ctx.accountId, owner.userId)).filter((k) => after === undefined || k.id > after);
      const pg = page(rows, p.MaxItems ?? DEFAULT_MAX_ITEMS, (k) => k.id);
      return {
        AccessKeyMetadata: pg.items.map((k) => ({
          UserName: owner.userName,
          AccessKeyId: k.id,
          Status: k.status,
          CreateDate: k.createdAt,
        })),
        IsTruncated: pg.IsTruncated,
        Marker: pg.Marker,
      };
    },
  ),

  UpdateAccessKey: action(z.object({ UserName: name64.optional(), AccessKeyId: accessKeyId, Status: status }), async (ctx, p) => {
    const owner = await credentialOwner(ctx, p.UserName);
    await ctx.authorize(owner.arn, { facts: owner.facts });
    const key = await findAccessKey(ctx.db, ctx.accountId, owner.userId, p.AccessKeyId);
    if (!key) throw noSuchKey(p.AccessKeyId);
    await ctx.commit([setAccessKeyStatusStatement(ctx.db, key.id, p.Status)], owner.arn);
    return undefined;
  }),

  DeleteAccessKey: action(z.object({ UserName: name64.optional(), AccessKeyId: accessKeyId }), async (ctx, p) => {
    const owner = await credentialOwner(ctx, p.UserName);
    await ctx.authorize(owner.arn, { facts: owner.facts });
    const key = await findAccessKey(ctx.db, ctx.accountId, owner.userId, p.AccessKeyId);
    if (!key) throw noSuchKey(p.AccessKeyId);
    await ctx.commit([deleteAccessKeyStatement(ctx.db, key.id)], owner.arn);
    return undefined;
  }),

  GetAccessKeyLastUsed: action(z.object({ AccessKeyId: accessKeyId }), async (ctx, p) => {
    const key = await getAccessKey(ctx.db, ctx.accountId, p.AccessKeyId);
    // INVARIANT: another account's key looks exactly like a missing one; and only a caller who may
    // read any user's keys learns that a key id does not exist.
    if (!key) return ctx.missing(iamArn(ctx.accountId, 'user', '*'), noSuchKey(p.AccessKeyId));
    const user = key.userId ? await findUserById(ctx.db, key.userId) : undefined;
    const facts = user ? await resourceFacts(ctx, user.id) : UNTAGGED;
    await ctx.authorize(user ? userArn(user) : rootArn(ctx.accountId), { facts });
    return {
      UserName: user?.name,
      AccessKeyLastUsed: {
        LastUsedDate: key.lastUsedAt ?? undefined,
        ServiceName: key.lastUsedService ?? 'N/A',
        Region: key.lastUsedRegion ?? 'N/A',
      },
    };
  }),
};
