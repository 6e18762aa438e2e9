// Finding a group by name (case-insensitive) with AWS's NoSuchEntity wording, and the Group shape the
// IAM API returns; shared by the group and inline-policy actions.
import { IamError } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import type { XmlStruct } from '@edge-iam/core/aws';
import { findGroup, type GroupRow } from '@edge-iam/core/repo';
import type { ActionContext } from '../context';

export const groupArn = (g: Pick<GroupRow, 'accountId' | 'name' | 'path'>) => iamArn(g.accountId, 'group', g.name, g.path);

export async function requireGroup(ctx: ActionContext, name: string) {
  const found = await findGroup(ctx.db, ctx.accountId, name);
  if (!found)
    return ctx.missing(iamArn(ctx.accountId, 'group', name), new IamError('NoSuchEntity', `The group with name ${name} cannot be found.`));
  return found;
}

export const groupShape = (g: GroupRow): XmlStruct => ({
  Path: g.path,
  GroupName: g.name,
  GroupId: g.id,
  Arn: groupArn(g),
  CreateDate: g.createdAt,
});
