// STS reads: GetAccessKeyInfo (the account an access key id belongs to) and DecodeAuthorizationMessage
// (the explanation sealed into an AccessDenied answer, authz/authorization-message.ts).
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { decodeAuthorizationMessage } from '@edge-iam/core/authz';
import { accessKeyAccount, accountInAccessKeyId, isWellFormedAccessKeyId } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { awsString } from '../params';

export const stsReadActions: ActionTable = {
  // AWS answers for any well-formed key id, of any account, whether it exists or not: the account is
  // what the id itself says, so nothing is revealed beyond what the id carries.
  GetAccessKeyInfo: action(z.object({ AccessKeyId: awsString(16, 128, /^\w*$/, '[\\w]*') }), async (ctx, p) => {
    await ctx.authorize('*');
    const account =
      (await accessKeyAccount(ctx.db, p.AccessKeyId)) ??
      (isWellFormedAccessKeyId(p.AccessKeyId) ? accountInAccessKeyId(p.AccessKeyId) : undefined);
    if (!account) throw new IamError('InvalidParameterValue', `The access key ID ${p.AccessKeyId} is not a valid access key ID.`);
    return { Account: account };
  }),

  DecodeAuthorizationMessage: action(z.object({ EncodedMessage: awsString(1, 10_240) }), async (ctx, p) => {
    await ctx.authorize('*');
    return { DecodedMessage: await decodeAuthorizationMessage(ctx.keys.masterKey, ctx.accountId, p.EncodedMessage) };
  }),
};
