// Finding an instance profile by name (case-insensitive) with AWS's NoSuchEntity wording, its ARN, and
// the InstanceProfile shape every instance-profile action returns (with the roles it holds).
import { IamError } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import type { XmlStruct } from '@edge-iam/core/aws';
import { findInstanceProfile, type InstanceProfileRow, type RoleRow } from '@edge-iam/core/repo';
import type { ActionContext } from '../context';
import { roleShape } from './roles';

export const instanceProfileArn = (p: Pick<InstanceProfileRow, 'accountId' | 'name' | 'path'>) =>
  iamArn(p.accountId, 'instance-profile', p.name, p.path);

export async function requireInstanceProfile(ctx: ActionContext, name: string) {
  const found = await findInstanceProfile(ctx.db, ctx.accountId, name);
  if (!found)
    return ctx.missing(
      iamArn(ctx.accountId, 'instance-profile', name),
      new IamError('NoSuchEntity', `Instance Profile ${name} cannot be found.`),
    );
  return found;
}

/** The InstanceProfile shape; its roles in the Role shape of ListRoles (trust policy URL-encoded). */
export function instanceProfileShape(p: InstanceProfileRow, roles: readonly RoleRow[], tags?: readonly XmlStruct[]): XmlStruct {
  return {
    Path: p.path,
    InstanceProfileName: p.name,
    InstanceProfileId: p.id,
    Arn: instanceProfileArn(p),
    CreateDate: p.createdAt,
    Roles: roles.map((role) => roleShape({ role, boundaryArn: null })),
    Tags: tags && tags.length > 0 ? [...tags] : undefined,
  };
}
