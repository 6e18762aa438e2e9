// Finding a role by name (case-insensitive) with AWS's NoSuchEntity wording; shared by the role,
// boundary, inline-policy and STS actions.
import { IamError } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import { findRole, type RoleRow } from '@edge-iam/core/repo';
import type { ActionContext } from '../context';

export type { RoleRow };
export const roleArn = (r: Pick<RoleRow, 'accountId' | 'name' | 'path'>) => iamArn(r.accountId, 'role', r.name, r.path);

export async function requireRole(ctx: ActionContext, name: string) {
  const found = await findRole(ctx.db, ctx.accountId, name);
  if (!found)
    return ctx.missing(iamArn(ctx.accountId, 'role', name), new IamError('NoSuchEntity', `The role with name ${name} cannot be found.`));
  return found;
}

/** The role an ARN names in the caller's account (path and name must both match), or undefined. */
export async function findRoleByArn(ctx: ActionContext, arn: string) {
  const slash = arn.lastIndexOf('/');
  const name = arn.slice(slash + 1);
  const found = await findRole(ctx.db, ctx.accountId, name);
  return found && roleArn(found.role) === arn ? found.role : undefined;
}
