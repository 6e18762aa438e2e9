// The policy simulator: SimulatePrincipalPolicy, SimulateCustomPolicy, GetContextKeysForPrincipalPolicy
// and GetContextKeysForCustomPolicy. Decisions come from the same engine as /authorize and the IAM
// API's own checks (core/simulation/simulator); this module only loads the principal's policies,
// checks the inputs, and renders AWS's shapes. Nothing here changes state, so nothing is committed.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { assumedRoleArn, iamArn, parseIamArn, rootArn } from '@edge-iam/core/arn';
import type { RequestFacts } from '@edge-iam/core/authz';
import type { XmlStruct } from '@edge-iam/core/aws';
import {
  getContextKeys,
  compilePolicy,
  parsePolicy,
  type ContextValue,
  type PolicyKind,
  type RequestPrincipal,
} from '@edge-iam/core/policy';
import {
  loadRolePolicies,
  loadUserPolicies,
  type EffectivePolicies,
  findGroupByArn,
  loadGroupPolicies,
  findPrincipalByArn,
} from '@edge-iam/core/repo';
import {
  CONTEXT_KEY_TYPES,
  contextFromEntries,
  checkSimulationSize,
  inputPolicies,
  simulatePage,
  simulationPolicy,
  compileSimulation,
  type SimulationPolicy,
} from '@edge-iam/core/simulation';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker } from '../pagination';
import { arn, awsString, list, marker, maxItems, policyDocument } from '../params';
import { awsEnum } from './policy-lookup';
import { resourceFacts } from './request-facts';
import { evaluationResultShape } from './simulation-shapes';

const resourceName = awsString(1, 2048);
const contextEntry = z.object({
  ContextKeyName: awsString(5, 256),
  ContextKeyValues: list(awsString(0, 256)).optional(),
  ContextKeyType: awsEnum(CONTEXT_KEY_TYPES).optional(),
});
const simulationParams = {
  PolicyInputList: list(policyDocument).optional(),
  PermissionsBoundaryPolicyInputList: list(policyDocument).optional(),
  ActionNames: list(awsString(3, 128)),
  ResourceArns: list(resourceName).optional(),
  ResourcePolicy: policyDocument.optional(),
  ResourceOwner: resourceName.optional(),
  CallerArn: resourceName.optional(),
  ContextEntries: list(contextEntry).optional(),
  ResourceHandlingOption: awsString(1, 64).optional(),
  MaxItems: maxItems.optional(),
  Marker: marker.optional(),
  // Not implemented: refused rather than ignored, since ignoring it would simulate the very policies
  // the caller asked to leave out.
  PolicyExclusionList: z.unknown().optional(),
};
type SimulationInput = z.output<z.ZodObject<typeof simulationParams>>;

/** A document from the request must be a valid policy of its kind; the simulator answers InvalidInput. */
function checkDocuments(list: string, documents: readonly string[] | undefined, kind: PolicyKind, offset = 0): void {
  documents?.forEach((doc, n) => {
    const i = n + offset;
    const parsed = parsePolicy(doc, kind, { maxSize: 131072 });
    if (!parsed.ok) {
      const problems = parsed.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
      throw new IamError(
        'InvalidInput',
        `${list}${kind === 'resource' ? '' : `.${i + 1}`} is not a valid ${kind === 'resource' ? 'resource-based' : kind === 'boundary' ? 'permissions boundary' : 'identity-based'} policy: ${problems}`,
      );
    }
  });
}

/** Who the simulated request comes from: CallerArn (a user, group or role of any account). */
function callerPrincipal(callerArn: string): { principal: RequestPrincipal; context: Record<string, ContextValue> } {
  const p = parseIamArn(callerArn);
  if (!p || !/^\d{12}$/.test(p.account) || !p.name || !['user', 'group', 'role'].includes(p.type)) {
    throw new IamError('InvalidInput', `CallerArn ${callerArn} is not the ARN of an IAM user, group or role.`);
  }
  if (p.type === 'role') {
    // A role acts through a session; the engine matches `role/<name>` principals against it.
    return {
      principal: { arn: assumedRoleArn(p.account, p.name, 'simulation'), account: p.account, type: 'AssumedRole' },
      context: { 'aws:PrincipalArn': callerArn },
    };
  }
  return { principal: { arn: callerArn, account: p.account, type: 'User' }, context: {} };
}

function resourceOwner(owner: string | undefined): string | undefined {
  if (owner === undefined) return undefined;
  const account = /^\d{12}$/.test(owner) ? owner : /^arn:aws:iam::(\d{12}):root$/.exec(owner)?.[1];
  if (!account) throw new IamError('InvalidInput', `ResourceOwner ${owner} is not an account ID or an account root ARN.`);
  return account;
}

/** The principal PolicySourceArn names (in the caller's account) and its stored policies. */
async function sourcePolicies(
  ctx: ActionContext,
  sourceArn: string,
): Promise<{ kind: 'user' | 'group' | 'role'; policies: EffectivePolicies }> {
  // Whatever is wrong with the ARN is told only to a caller allowed on it (ctx.missing authorizes first).
  const p = parseIamArn(sourceArn);
  if (!p || !p.name || !['user', 'group', 'role'].includes(p.type)) {
    return ctx.missing(
      sourceArn,
      new IamError('InvalidInput', `PolicySourceArn ${sourceArn} is not the ARN of an IAM user, group or role.`),
    );
  }
  const missing = new IamError('NoSuchEntity', `The ${p.type} with name ${p.name} cannot be found.`);
  if (p.account !== ctx.accountId) return ctx.missing(sourceArn, missing);
  // Names match case-insensitively but policies compare ARNs exactly: the permission must also hold on
  // the principal's real ARN, or `user/ADMIN` would slip past a Deny on `user/admin`. Both checks see
  // the principal's tags.
  const authorizeBoth = async (real: string, facts: RequestFacts) => {
    await ctx.authorize(sourceArn, { facts });
    if (real !== sourceArn) await ctx.authorize(real, { facts });
  };
  if (p.type === 'group') {
    const group = await findGroupByArn(ctx.db, sourceArn);
    if (!group) return ctx.missing(sourceArn, missing);
    await authorizeBoth(iamArn(group.accountId, 'group', group.name, group.path), { resourceTags: [] }); // groups take no tags
    return { kind: 'group', policies: await loadGroupPolicies(ctx.db, group.id, sourceArn) };
  }
  const found = await findPrincipalByArn(ctx.db, sourceArn);
  if (!found) return ctx.missing(sourceArn, missing);
  const real = iamArn(found.accountId, found.kind, found.kind === 'user' ? found.userName : found.roleName, found.path);
  await authorizeBoth(real, await resourceFacts(ctx, found.kind === 'user' ? found.userId : found.roleId));
  return found.kind === 'user'
    ? { kind: 'user', policies: await loadUserPolicies(ctx.db, found.userId, sourceArn) }
    : { kind: 'role', policies: await loadRolePolicies(ctx.db, found.roleId, sourceArn) };
}

function runSimulation(
  ctx: ActionContext,
  p: SimulationInput,
  policies: { identity: SimulationPolicy[]; boundary: SimulationPolicy[] },
  caller: { principal: RequestPrincipal; context: Record<string, ContextValue> },
): XmlStruct {
  if (p.PolicyExclusionList !== undefined) throw new IamError('InvalidInput', 'PolicyExclusionList is not supported by this service.');
  checkDocuments('ResourcePolicy', p.ResourcePolicy === undefined ? undefined : [p.ResourcePolicy], 'resource');
  const entries = (p.ContextEntries ?? []).map((e) => ({
    name: e.ContextKeyName,
    values: e.ContextKeyValues ?? [],
    ...(e.ContextKeyType ? { type: e.ContextKeyType } : {}),
  }));
  checkSimulationSize(p.ActionNames.length, p.ResourceArns?.length || undefined);
  const context = { ...caller.context, ...contextFromEntries(entries) };
  const owner = resourceOwner(p.ResourceOwner);
  const simulation = compileSimulation({
    ...policies,
    ...(p.ResourcePolicy !== undefined
      ? { resource: { sourceId: 'ResourcePolicy', sourceType: 'resource' as const, document: p.ResourcePolicy } }
      : {}),
  });
  const resources = p.ResourceArns && p.ResourceArns.length > 0 ? p.ResourceArns : undefined;
  // A page may hold fewer results than MaxItems, as AWS allows: it never costs more than its budget.
  const page = simulatePage(simulation, p.ActionNames, startOf(p.Marker, p.ActionNames.length), p.MaxItems ?? DEFAULT_MAX_ITEMS, {
    principal: caller.principal,
    context,
    ...(resources ? { resources } : {}),
    ...(owner ? { resourceOwner: owner } : {}),
  });
  return {
    EvaluationResults: page.results.map(evaluationResultShape),
    IsTruncated: page.next !== undefined,
    Marker: page.next === undefined ? undefined : encodeMarker(String(page.next)),
  };
}

/** Where a page starts: the action index a previous response's Marker names. */
function startOf(marker: string | undefined, actions: number): number {
  const text = decodeMarker(marker);
  if (text === undefined) return 0;
  const start = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(start < actions)) throw new IamError('InvalidInput', 'Invalid Marker: use the Marker value from a previous response.');
  return start;
}

function contextKeyNames(documents: readonly { id: string; document: string }[]): XmlStruct {
  return { ContextKeyNames: getContextKeys(documents.map((d) => compilePolicy(d.document, { id: d.id, type: 'identity' }))) };
}

export const simulationActions: ActionTable = {
  SimulatePrincipalPolicy: action(z.object({ PolicySourceArn: arn, ...simulationParams }), async (ctx, p) => {
    const source = await sourcePolicies(ctx, p.PolicySourceArn);
    checkDocuments('PolicyInputList', p.PolicyInputList, 'identity');
    checkDocuments('PermissionsBoundaryPolicyInputList', p.PermissionsBoundaryPolicyInputList, 'boundary');
    const callerArn = p.CallerArn ?? (source.kind === 'group' ? undefined : p.PolicySourceArn);
    if (p.ResourcePolicy !== undefined && callerArn === undefined) {
      throw new IamError('InvalidInput', 'CallerArn is required when ResourcePolicy is given and PolicySourceArn is a group.');
    }
    const caller = callerArn
      ? callerPrincipal(callerArn)
      : { principal: { arn: p.PolicySourceArn, account: ctx.accountId, type: 'User' as const }, context: {} };
    // A boundary given in the request replaces the principal's own, as AWS documents.
    const boundaryInput = p.PermissionsBoundaryPolicyInputList ?? [];
    const boundary =
      boundaryInput.length > 0
        ? inputPolicies('PermissionsBoundaryPolicyInputList', boundaryInput)
        : source.policies.boundary
          ? [simulationPolicy(source.policies.boundary)]
          : [];
    const identity = [...source.policies.identity.map(simulationPolicy), ...inputPolicies('PolicyInputList', p.PolicyInputList)];
    return runSimulation(ctx, p, { identity, boundary }, caller);
  }),

  SimulateCustomPolicy: action(z.object({ ...simulationParams, PolicyInputList: list(policyDocument) }), async (ctx, p) => {
    await ctx.authorize('*');
    checkDocuments('PolicyInputList', p.PolicyInputList, 'identity');
    checkDocuments('PermissionsBoundaryPolicyInputList', p.PermissionsBoundaryPolicyInputList, 'boundary');
    if (p.ResourcePolicy !== undefined && p.CallerArn === undefined)
      throw new IamError('InvalidInput', 'CallerArn is required when ResourcePolicy is given.');
    // Without CallerArn the caller is "someone in this account": never the root user, which would
    // need no identity policy at all.
    const caller = p.CallerArn
      ? callerPrincipal(p.CallerArn)
      : { principal: { arn: rootArn(ctx.accountId), account: ctx.accountId, type: 'User' as const }, context: {} };
    return runSimulation(
      ctx,
      p,
      {
        identity: inputPolicies('PolicyInputList', p.PolicyInputList),
        boundary: inputPolicies('PermissionsBoundaryPolicyInputList', p.PermissionsBoundaryPolicyInputList),
      },
      caller,
    );
  }),

  GetContextKeysForPrincipalPolicy: action(
    z.object({ PolicySourceArn: arn, PolicyInputList: list(policyDocument).optional() }),
    async (ctx, p) => {
      const source = await sourcePolicies(ctx, p.PolicySourceArn);
      checkDocuments('PolicyInputList', p.PolicyInputList, 'identity');
      const stored = [...source.policies.identity, ...(source.policies.boundary ? [source.policies.boundary] : [])];
      return contextKeyNames([
        ...stored,
        ...(p.PolicyInputList ?? []).map((document, i) => ({ id: `PolicyInputList.${i + 1}`, document })),
      ]);
    },
  ),

  GetContextKeysForCustomPolicy: action(z.object({ PolicyInputList: list(policyDocument) }), async (ctx, p) => {
    await ctx.authorize('*');
    // Any policy may be asked about here, resource-based ones (with a Principal) included.
    p.PolicyInputList.forEach((doc, i) => {
      if (!parsePolicy(doc, 'resource', { maxSize: 131072 }).ok) checkDocuments(`PolicyInputList`, [doc], 'identity', i);
    });
    return contextKeyNames(p.PolicyInputList.map((document, i) => ({ id: `PolicyInputList.${i + 1}`, document })));
  }),
};
