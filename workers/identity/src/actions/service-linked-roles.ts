// Service-linked roles: CreateServiceLinkedRole, DeleteServiceLinkedRole and
// GetServiceLinkedRoleDeletionStatus. A service-linked role is a role AWS's naming gives
// (AWSServiceRoleFor<Service>, `_<suffix>` when the service takes one) at `/aws-service-role/<service>/`,
// trusted by the service principal alone, with the service's AWS-managed policy attached when the
// catalogue has it (service-linked-role-catalogue.ts). The account cannot edit it
// (service-linked-role-guard.ts); it can only delete it here.
//
// Deletion happens at once (there is no background worker), and the deletion task id
// `task/aws-service-role/<service>/<role>/<uuid>` carries its own proof: the uuid is an HMAC over the
// account, service and role name (crypto/signed-uuid.ts), so the status is answered without storing
// the task and a task id that was not issued here (forged, altered, or another account's) is unknown.
import { z } from 'zod';
import { IamError, newId } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import { signedUuid, verifySignedUuid } from '@edge-iam/core/crypto';
import { createServiceLinkedRoleStatements, deleteServiceLinkedRoleStatements, findRole, firstAwsManagedPolicy } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { awsString, description, name64 } from '../params';
import { roleShape } from './roles';
import { requireRole, roleArn, type RoleRow } from './role-lookup';
import { principalFacts } from './request-facts';
import { serviceLinkedRolePath, serviceLinkedRoleSpec, serviceOfPath, serviceTrustPolicy } from './service-linked-role-catalogue';

const TASK_PURPOSE = 'service-linked-role-deletion-task';
const taskMessage = (accountId: string, service: string, roleName: string) => `${accountId}\n${service}\n${roleName}`;
const TASK_ID = /^task\/aws-service-role\/([^/]+)\/([\w+=,.@-]{1,64})\/([0-9a-f-]{36})$/;

const serviceName = awsString(1, 128, /^[\w+=,.@-]+$/, '[\\w+=,.@-]+');
const customSuffix = awsString(1, 64, /^[\w+=,.@-]+$/, '[\\w+=,.@-]+');

const unknownTask = (id: string) => new IamError('NoSuchEntity', `Deletion task with id ${id} cannot be found.`);

/** The ARN a deletion task's role had, for authorizing a status request before anything is checked. */
const taskRoleArn = (ctx: ActionContext, service: string, roleName: string) =>
  iamArn(ctx.accountId, 'role', roleName, serviceLinkedRolePath(service));

export const serviceLinkedRoleActions: ActionTable = {
  CreateServiceLinkedRole: action(
    z.object({ AWSServiceName: serviceName, Description: description.optional(), CustomSuffix: customSuffix.optional() }),
    async (ctx, p) => {
      const service = p.AWSServiceName;
      const spec = serviceLinkedRoleSpec(service);
      const roleName = spec ? (p.CustomSuffix ? `${spec.roleName}_${p.CustomSuffix}` : spec.roleName) : undefined;
      const path = serviceLinkedRolePath(service);
      const target = iamArn(ctx.accountId, 'role', roleName ?? '*', path);
      await ctx.authorize(target, { facts: { awsServiceName: service } });
      if (!spec || !roleName)
        throw new IamError(
          'InvalidInput',
          `Invalid service name: ${service}. Specify the service principal, such as elasticbeanstalk.amazonaws.com.`,
        );
      if (p.CustomSuffix && !spec.customSuffix) throw new IamError('InvalidInput', `Custom suffix is not allowed for ${service}`);
      if (roleName.length > 64)
        throw new IamError('InvalidInput', `The role name ${roleName} is longer than 64 characters: use a shorter CustomSuffix.`);
      const taken = () =>
        new IamError('InvalidInput', `Service role name ${roleName} has been taken in this account, please try a different suffix.`);
      if (await findRole(ctx.db, ctx.accountId, roleName)) throw taken();
      const policy = await firstAwsManagedPolicy(
        ctx.db,
        spec.policies.map((name) => `arn:aws:iam::aws:policy/aws-service-role/${name}`),
      );
      const role: RoleRow = {
        id: newId('role'),
        accountId: ctx.accountId,
        name: roleName,
        path,
        description: p.Description ?? null,
        assumeRolePolicy: serviceTrustPolicy(service),
        maxSessionDuration: 3600,
        permissionsBoundaryPolicyId: null,
        lastUsedAt: null,
        lastUsedRegion: null,
        createdAt: ctx.now,
      };
      // A concurrent create of the same name loses on the unique index, with the same answer.
      await ctx.commit(createServiceLinkedRoleStatements(ctx.db, role, policy?.id ?? null), roleArn(role), taken);
      return { Role: roleShape({ role, boundaryArn: null }) };
    },
  ),

  DeleteServiceLinkedRole: action(z.object({ RoleName: name64 }), async (ctx, p) => {
    const { role, boundaryArn } = await requireRole(ctx, p.RoleName);
    const target = roleArn(role);
    await ctx.authorize(target, { facts: await principalFacts(ctx, role.id, boundaryArn) });
    const service = serviceOfPath(role.path);
    if (!service) throw new IamError('InvalidInput', `The role ${role.name} is not a service-linked role: delete it with DeleteRole.`);
    await ctx.commit(deleteServiceLinkedRoleStatements(ctx.db, role.id), target);
    const uuid = await signedUuid(ctx.keys.pepper, TASK_PURPOSE, taskMessage(ctx.accountId, service, role.name));
    return { DeletionTaskId: `task/aws-service-role/${service}/${role.name}/${uuid}` };
  }),

  GetServiceLinkedRoleDeletionStatus: action(z.object({ DeletionTaskId: awsString(1, 1000) }), async (ctx, p) => {
    const m = TASK_ID.exec(p.DeletionTaskId);
    // Authorized on the role the task names (it is gone: no tags), before the task id is checked.
    await ctx.authorize(m ? taskRoleArn(ctx, m[1]!, m[2]!) : '*');
    if (!m) throw new IamError('InvalidInput', `Invalid deletion task id: ${p.DeletionTaskId}`);
    const [, service, name, uuid] = m as unknown as [string, string, string, string];
    if (!(await verifySignedUuid(ctx.keys.pepper, TASK_PURPOSE, taskMessage(ctx.accountId, service, name), uuid))) {
      throw unknownTask(p.DeletionTaskId);
    }
    // Every task issued here ran to completion before its id was returned.
    return { Status: 'SUCCEEDED' };
  }),
};
