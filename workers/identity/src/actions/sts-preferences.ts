// SetSecurityTokenServicePreferences: which session tokens the account's global STS endpoint issues,
// v1Token (valid only in regions enabled by default) or v2Token (valid in all regions). Stored on the
// account and shown by GetAccountSummary as GlobalEndpointTokenVersion 1 or 2.
import { z } from 'zod';
import { rootArn } from '@edge-iam/core/arn';
import { setGlobalEndpointTokenVersionStatement } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';

const tokenVersion = z.enum(['v1Token', 'v2Token'], { error: () => 'Member must satisfy enum value set: [v1Token, v2Token]' });

export const stsPreferencesActions: ActionTable = {
  SetSecurityTokenServicePreferences: action(z.object({ GlobalEndpointTokenVersion: tokenVersion }), async (ctx, p) => {
    // An account setting: AWS authorizes it on resource "*".
    await ctx.authorize('*');
    const version = p.GlobalEndpointTokenVersion === 'v2Token' ? 2 : 1;
    await ctx.commit([setGlobalEndpointTokenVersionStatement(ctx.db, ctx.accountId, version)], rootArn(ctx.accountId));
    return undefined;
  }),
};
