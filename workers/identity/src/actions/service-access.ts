// ListPoliciesGrantingServiceAccess: for each service namespace asked, which permissions policies of a
// user (its own and its groups'), group or role could allow some action of that service. Only
// permissions policies count, as in AWS (no boundary, resource or trust policy); the matching is the
// policy engine's (policy/service-access.ts). Managed policies are given by ARN; inline ones by name
// with the user, group or role they are embedded in.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { iamArn, parseIamArn } from '@edge-iam/core/arn';
import type { XmlStruct } from '@edge-iam/core/aws';
import { grantsServiceAccess, parsePolicy, type PolicyDocument } from '@edge-iam/core/policy';
import {
  findGroupByArn,
  findPrincipalByArn,
  loadGroupPolicies,
  loadRolePolicies,
  loadUserPolicies,
  type EffectivePolicies,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { arn, awsString, list, marker } from '../params';
import { resourceFacts } from './request-facts';

const serviceNamespace = awsString(1, 64, /^[\w-]*$/, '[\\w-]*');
const MAX_NAMESPACES = 200;

interface Granting {
  name: string;
  type: 'INLINE' | 'MANAGED';
  arn?: string;
  entityType?: 'USER' | 'GROUP' | 'ROLE';
  entityName?: string;
  document: PolicyDocument;
}

/** The user, group or role `entityArn` names, authorized on its real ARN, and its permissions policies. */
async function entityPolicies(ctx: ActionContext, entityArn: string): Promise<EffectivePolicies> {
  const p = parseIamArn(entityArn);
  if (!p || !p.name || !['user', 'group', 'role'].includes(p.type)) {
    return ctx.missing(
      entityArn,
      new IamError('InvalidInput', `ARN ${entityArn} is not valid: it must be the ARN of an IAM user, group or role.`),
    );
  }
  const missing = new IamError('NoSuchEntity', `The ${p.type} with name ${p.name} cannot be found.`);
  if (p.account !== ctx.accountId) return ctx.missing(entityArn, missing);
  if (p.type === 'group') {
    const group = await findGroupByArn(ctx.db, entityArn);
    if (!group) return ctx.missing(entityArn, missing);
    const real = iamArn(group.accountId, 'group', group.name, group.path);
    await ctx.authorize(real, { facts: { resourceTags: [] } });
    return loadGroupPolicies(ctx.db, group.id, real);
  }
  const found = await findPrincipalByArn(ctx.db, entityArn);
  if (!found) return ctx.missing(entityArn, missing);
  // Names match case-insensitively; the permission is checked on the principal's real ARN.
  const id = found.kind === 'user' ? found.userId : found.roleId;
  const real = iamArn(found.accountId, found.kind, found.kind === 'user' ? found.userName : found.roleName, found.path);
  await ctx.authorize(real, { facts: await resourceFacts(ctx, id) });
  return found.kind === 'user' ? loadUserPolicies(ctx.db, id, real) : loadRolePolicies(ctx.db, id, real);
}

/** Each stored policy as the answer names it: a managed one by ARN, an inline one by owner and name. */
function describe(eff: EffectivePolicies): Granting[] {
  const out: Granting[] = [];
  for (const source of eff.identity) {
    const parsed = parsePolicy(source.document, 'identity');
    if (!parsed.ok) continue; // stored policies were validated when saved
    const hash = source.id.indexOf('#');
    if (hash < 0) {
      out.push({ name: source.id.slice(source.id.lastIndexOf('/') + 1), type: 'MANAGED', arn: source.id, document: parsed.policy });
      continue;
    }
    const owner = parseIamArn(source.id.slice(0, hash));
    out.push({
      name: source.id.slice(hash + 1),
      type: 'INLINE',
      entityType: (owner?.type.toUpperCase() ?? 'USER') as Granting['entityType'],
      entityName: owner?.name ?? '',
      document: parsed.policy,
    });
  }
  return out;
}

export const serviceAccessActions: ActionTable = {
  ListPoliciesGrantingServiceAccess: action(
    z.object({ Arn: arn, ServiceNamespaces: list(serviceNamespace), Marker: marker.optional() }),
    async (ctx, p) => {
      const policies = describe(await entityPolicies(ctx, p.Arn));
      if (p.ServiceNamespaces.length < 1 || p.ServiceNamespaces.length > MAX_NAMESPACES) {
        throw new IamError(
          'ValidationError',
          `1 validation error detected: Value at 'serviceNamespaces' failed to satisfy constraint: Member must have length between 1 and ${MAX_NAMESPACES}`,
        );
      }
      // An entity has at most a few dozen permissions policies: the whole answer is one page.
      const entries: XmlStruct[] = p.ServiceNamespaces.map((ns) => ({
        ServiceNamespace: ns,
        Policies: policies
          .filter((g) => grantsServiceAccess(g.document, ns))
          .map((g) => ({ PolicyName: g.name, PolicyType: g.type, PolicyArn: g.arn, EntityType: g.entityType, EntityName: g.entityName })),
      }));
      return { PoliciesGrantingServiceAccess: entries, IsTruncated: false };
    },
  ),
};
