// Looking up the entity an action names, with AWS's NoSuchEntity wording, and rendering entities in
// the shapes the IAM API returns (User, Group, Role, Policy, ...).
import { IamError } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import type { XmlStruct } from '@edge-iam/core/aws';
import { findUser, type UserRow } from '@edge-iam/core/repo';
import type { ActionContext } from './context';

export const noSuchUser = (name: string) => new IamError('NoSuchEntity', `The user with name ${name} cannot be found.`);

export const userArn = (u: Pick<UserRow, 'accountId' | 'name' | 'path'>) => iamArn(u.accountId, 'user', u.name, u.path);

export async function requireUser(ctx: ActionContext, name: string) {
  const found = await findUser(ctx.db, ctx.accountId, name);
  if (!found) return ctx.missing(plannedArn(ctx, 'user', name), noSuchUser(name));
  return found;
}

export function userShape(
  row: { user: UserRow; boundaryArn: string | null; passwordLastUsed?: Date | null },
  tags?: XmlStruct[],
): XmlStruct {
  const u = row.user;
  return {
    Path: u.path,
    UserName: u.name,
    UserId: u.id,
    Arn: userArn(u),
    CreateDate: u.createdAt,
    PasswordLastUsed: row.passwordLastUsed ?? undefined,
    PermissionsBoundary: row.boundaryArn ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: row.boundaryArn } : undefined,
    Tags: tags && tags.length > 0 ? tags : undefined,
  };
}

/** The ARN a user would have: what CreateUser is authorized against before the user exists. */
export const plannedArn = (ctx: ActionContext, type: 'user' | 'group' | 'role' | 'policy', name: string, path = '/') =>
  iamArn(ctx.accountId, type, name, path);
