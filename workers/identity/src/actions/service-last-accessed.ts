// Service last accessed data: GenerateServiceLastAccessedDetails stores a job for a user, group, role
// or managed policy; GetServiceLastAccessedDetails lists the services the entity's permissions policies
// could allow (the policy engine's matching, policy/service-access.ts) with when they were last used,
// and GetServiceLastAccessedDetailsWithEntities lists, for one service, the entities behind the job's
// entity (a group's members; the users, groups and roles a policy is attached to; a user or role
// itself) with their last use. The answer is computed when it is read, so a job is COMPLETED at once.
//
// Last use comes from this service's own audit log, which records only the IAM and STS calls made
// here (every attempt, allowed or denied, as AWS counts them): only `iam` and `sts` can ever show a
// LastAuthenticated; every other service is listed as allowed but never accessed.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { iamArn, parseIamArn } from '@edge-iam/core/arn';
import type { XmlStruct } from '@edge-iam/core/aws';
import { allowsActionName, grantsServiceAccess, parsePolicy, type PolicyDocument } from '@edge-iam/core/policy';
import {
  defaultVersionDocuments,
  findGroupByArn,
  findPrincipalByArn,
  findPolicy,
  findServiceAccessJob,
  groupsByIds,
  insertServiceAccessJobStatement,
  lastAccessByActor,
  listEntitiesForPolicy,
  listGroupMembers,
  loadGroupPolicies,
  loadRolePolicies,
  loadUserPolicies,
  principalArnsByIds,
  type ActorAccess,
  type EffectivePolicies,
  type ServiceAccessJob,
  type Statement,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { arn, awsString, marker, maxItems } from '../params';
import { awsEnum } from './policy-lookup';
import { registry } from './registry';
import { resourceFacts } from './request-facts';
import { SERVICE_NAMES } from './service-names';

const DAY = 86_400_000;
/** AWS reports activity for at least the last 400 days. */
const TRACKING_PERIOD = 400 * DAY;
/** IAM's endpoint is global (us-east-1); the audit log keeps no region, so every access shows this one. */
const REGION = 'us-east-1';

const jobId = awsString(36, 36);
const serviceNamespace = awsString(1, 64, /^[\w-]*$/, '[\\w-]*');
const granularity = awsEnum(['SERVICE_LEVEL', 'ACTION_LEVEL']);

type EntityType = 'USER' | 'GROUP' | 'ROLE';

/** A user or role whose calls count, or a group (whose members' calls count). */
interface Entity {
  type: EntityType;
  id: string;
  name: string;
  path: string;
  arn: string;
  /** the users and roles whose calls are this entity's: itself, or a group's members */
  actors: Actor[];
  /** a group's members */
  members?: Entity[];
}

interface Actor {
  arn: string;
  /** whether an audit entry's caller ARN is this user's, or a session of this role */
  matches: (actorArn: string) => boolean;
}

/** What a job reports on, read now: the permissions policies and the entities whose calls count. */
interface Subject {
  policies: PolicyDocument[];
  /** the entities GetServiceLastAccessedDetailsWithEntities lists */
  entities: Entity[];
}

function actorOf(accountId: string, type: 'user' | 'role', name: string, path: string): Actor {
  const arn = iamArn(accountId, type, name, path);
  if (type === 'user') return { arn, matches: (a) => a.toLowerCase() === arn.toLowerCase() };
  // A role acts through its sessions: arn:aws:sts::<account>:assumed-role/<name>/<session>.
  const prefix = `arn:aws:sts::${accountId}:assumed-role/${name}/`.toLowerCase();
  return { arn, matches: (a) => a.toLowerCase().startsWith(prefix) };
}

const userEntity = (accountId: string, id: string, name: string, path: string): Entity => {
  const actor = actorOf(accountId, 'user', name, path);
  return { type: 'USER', id, name, path, arn: actor.arn, actors: [actor] };
};
const roleEntity = (accountId: string, id: string, name: string, path: string): Entity => {
  const actor = actorOf(accountId, 'role', name, path);
  return { type: 'ROLE', id, name, path, arn: actor.arn, actors: [actor] };
};

/** A group's members are at most a few thousand: read them in full. */
const ALL = 100_000;

async function groupEntity(ctx: ActionContext, g: { id: string; name: string; path: string; accountId: string }): Promise<Entity> {
  const rows = await listGroupMembers(ctx.db, g.id, { limit: ALL });
  const members = rows.map(({ user }) => userEntity(user.accountId, user.id, user.name, user.path));
  return {
    type: 'GROUP',
    id: g.id,
    name: g.name,
    path: g.path,
    arn: iamArn(g.accountId, 'group', g.name, g.path),
    actors: members.flatMap((m) => m.actors),
    members,
  };
}

function documents(eff: EffectivePolicies): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  for (const source of eff.identity) {
    const parsed = parsePolicy(source.document, 'identity');
    if (parsed.ok) out.push(parsed.policy); // stored policies were validated when saved
  }
  return out;
}

const invalidArn = (entityArn: string) =>
  new IamError('InvalidInput', `ARN ${entityArn} is not valid: it must be the ARN of an IAM user, group, role or policy.`);

/**
 * The entity `entityArn` names, or null when it does not exist (any more). With `authorize`, the
 * caller's permission is checked on the entity's real ARN with its tags before anything about it is
 * used, and a missing entity answers as ctx.missing does (AccessDenied to the unauthorized).
 */
async function loadSubject(ctx: ActionContext, entityArn: string, authorize: boolean): Promise<Subject | null> {
  const p = parseIamArn(entityArn);
  if (!p || !p.name || !['user', 'group', 'role', 'policy'].includes(p.type)) return ctx.missing(entityArn, invalidArn(entityArn));
  const missing = (what: string) => (authorize ? ctx.missing(entityArn, new IamError('NoSuchEntity', what)) : null);
  const notFound = `The ${p.type} with name ${p.name} cannot be found.`;
  if (p.type === 'policy') {
    const found = await findPolicy(ctx.db, ctx.accountId, entityArn);
    if (!found) return missing(`Policy ${entityArn} was not found.`);
    const { policy } = found;
    if (authorize) await ctx.authorize(policy.arn, { facts: await resourceFacts(ctx, policy.id, policy.accountId !== null) });
    const [doc] = await defaultVersionDocuments(ctx.db, ctx.accountId, [policy.arn]);
    const parsed = doc ? parsePolicy(doc.document, 'identity') : undefined;
    const attached = await listEntitiesForPolicy(ctx.db, ctx.accountId, policy.id, {
      kinds: ['group', 'user', 'role'],
      attached: true,
      boundary: false,
      limit: ALL,
    });
    const arns = await principalArnsByIds(
      ctx.db,
      ctx.accountId,
      attached.filter((e) => e.kind !== 'group').map((e) => e.id),
    );
    const groupRows = await groupsByIds(
      ctx.db,
      ctx.accountId,
      attached.filter((e) => e.kind === 'group').map((e) => e.id),
    );
    const entities: Entity[] = [];
    for (const g of groupRows) entities.push(await groupEntity(ctx, g));
    for (const e of attached) {
      const principal = e.kind === 'group' ? null : parseIamArn(arns.get(e.id) ?? '');
      if (!principal) continue;
      entities.push((e.kind === 'user' ? userEntity : roleEntity)(ctx.accountId, e.id, e.name, principal.path));
    }
    return { policies: parsed?.ok ? [parsed.policy] : [], entities };
  }
  if (p.account !== ctx.accountId) return missing(notFound);
  if (p.type === 'group') {
    const group = await findGroupByArn(ctx.db, entityArn);
    if (!group) return missing(notFound);
    const real = iamArn(group.accountId, 'group', group.name, group.path);
    if (authorize) await ctx.authorize(real, { facts: { resourceTags: [] } });
    return { policies: documents(await loadGroupPolicies(ctx.db, group.id, real)), entities: [await groupEntity(ctx, group)] };
  }
  const found = await findPrincipalByArn(ctx.db, entityArn);
  if (!found) return missing(notFound);
  const id = found.kind === 'user' ? found.userId : found.roleId;
  const entity =
    found.kind === 'user'
      ? userEntity(found.accountId, id, found.userName, found.path)
      : roleEntity(found.accountId, id, found.roleName, found.path);
  if (authorize) await ctx.authorize(entity.arn, { facts: await resourceFacts(ctx, id) });
  const eff = found.kind === 'user' ? await loadUserPolicies(ctx.db, id, entity.arn) : await loadRolePolicies(ctx.db, id, entity.arn);
  return { policies: documents(eff), entities: [entity] };
}

/** The job with this id in the caller's account, or NoSuchEntity (another account's id is unknown here). */
async function requireJob(ctx: ActionContext, id: string): Promise<ServiceAccessJob> {
  // Both Get operations are authorized on `*` (they name no resource), before the job is looked up.
  await ctx.authorize('*', { facts: {} });
  const job = await findServiceAccessJob(ctx.db, ctx.accountId, id);
  if (!job) throw new IamError('NoSuchEntity', `The job with ID ${id} cannot be found.`);
  return job;
}

/** The latest of the audit entries whose caller is one of `actors` and whose action `wanted` accepts. */
function latest(accesses: readonly ActorAccess[], actors: readonly Actor[], wanted: (action: string) => boolean) {
  let best: { at: Date; actor: Actor } | undefined;
  const who = new Set<string>();
  for (const a of accesses) {
    if (!wanted(a.action)) continue;
    const actor = actors.find((x) => x.matches(a.actorArn));
    if (!actor) continue;
    who.add(actor.arn);
    if (!best || a.lastAt > best.at) best = { at: a.lastAt, actor };
  }
  return { best, count: who.size };
}

const inNamespace = (ns: string) => (action: string) => action.toLowerCase().startsWith(`${ns}:`);

/** The job's header fields: complete at once, since the answer is computed as it is read. */
function jobHeader(job: ServiceAccessJob, subject: Subject | null): XmlStruct {
  return {
    JobStatus: subject ? 'COMPLETED' : 'FAILED',
    JobCreationDate: job.createdAt,
    JobCompletionDate: job.createdAt,
    Error: subject ? undefined : { Message: `The entity ${job.entityArn} of this job no longer exists.`, Code: 'NoSuchEntity' },
  };
}

/** The IAM or STS actions this service implements that the policies could allow, for ACTION_LEVEL jobs. */
function trackedActions(ns: string, policies: readonly PolicyDocument[], accesses: readonly ActorAccess[], actors: readonly Actor[]) {
  if (ns !== 'iam' && ns !== 'sts') return undefined;
  const names = [...registry[ns].keys()].sort();
  return names
    .filter((name) => policies.some((d) => allowsActionName(d, `${ns}:${name}`)))
    .map((name): XmlStruct => {
      const { best } = latest(accesses, actors, (a) => a.toLowerCase() === `${ns}:${name}`.toLowerCase());
      return {
        ActionName: name,
        LastAccessedEntity: best?.actor.arn,
        LastAccessedTime: best?.at,
        LastAccessedRegion: best ? REGION : undefined,
      };
    });
}

export const serviceLastAccessedActions: ActionTable = {
  GenerateServiceLastAccessedDetails: action(z.object({ Arn: arn, Granularity: granularity.optional() }), async (ctx, p) => {
    await loadSubject(ctx, p.Arn, true);
    const job: ServiceAccessJob = {
      jobId: crypto.randomUUID(),
      accountId: ctx.accountId,
      entityArn: p.Arn,
      granularity: p.Granularity ?? 'SERVICE_LEVEL',
      createdAt: ctx.now,
    };
    await ctx.commit([insertServiceAccessJobStatement(ctx.db, job) as Statement], p.Arn);
    return { JobId: job.jobId };
  }),

  GetServiceLastAccessedDetails: action(
    z.object({ JobId: jobId, MaxItems: maxItems.optional(), Marker: marker.optional() }),
    async (ctx, p) => {
      const job = await requireJob(ctx, p.JobId);
      const subject = await loadSubject(ctx, job.entityArn, false);
      const after = decodeMarker(p.Marker);
      const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
      const policies = subject?.policies ?? [];
      const namespaces = Object.keys(SERVICE_NAMES)
        .sort()
        .filter((ns) => (after === undefined || ns > after) && policies.some((d) => grantsServiceAccess(d, ns)));
      const pg = page(namespaces, limit, (ns) => ns);
      const actors = (subject?.entities ?? []).flatMap((e) => e.actors);
      const accesses =
        pg.items.length > 0 ? await lastAccessByActor(ctx.db, ctx.accountId, new Date(ctx.now.getTime() - TRACKING_PERIOD)) : [];
      const services = pg.items.map((ns): XmlStruct => {
        const { best, count } = latest(accesses, actors, inNamespace(ns));
        return {
          ServiceName: SERVICE_NAMES[ns],
          LastAuthenticated: best?.at,
          ServiceNamespace: ns,
          LastAuthenticatedEntity: best?.actor.arn,
          LastAuthenticatedRegion: best ? REGION : undefined,
          TotalAuthenticatedEntities: count,
          TrackedActionsLastAccessed: job.granularity === 'ACTION_LEVEL' ? trackedActions(ns, policies, accesses, actors) : undefined,
        };
      });
      return {
        ...jobHeader(job, subject),
        JobType: job.granularity,
        ServicesLastAccessed: services,
        IsTruncated: pg.IsTruncated,
        Marker: pg.Marker,
      };
    },
  ),

  GetServiceLastAccessedDetailsWithEntities: action(
    z.object({ JobId: jobId, ServiceNamespace: serviceNamespace, MaxItems: maxItems.optional(), Marker: marker.optional() }),
    async (ctx, p) => {
      const job = await requireJob(ctx, p.JobId);
      const subject = await loadSubject(ctx, job.entityArn, false);
      const ns = p.ServiceNamespace.toLowerCase();
      // A group's report is about its members; a policy's about what it is attached to; a user's or role's about itself.
      const group = parseIamArn(job.entityArn)?.type === 'group';
      const listed: Entity[] = group ? (subject?.entities[0]?.members ?? []) : (subject?.entities ?? []);
      const key = (e: Entity) => `${e.type}:${e.name.toLowerCase()}`;
      const after = decodeMarker(p.Marker);
      const sorted = listed
        .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
        .filter((e) => after === undefined || key(e) > after);
      const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
      const accesses = await lastAccessByActor(ctx.db, ctx.accountId, new Date(ctx.now.getTime() - TRACKING_PERIOD));
      const used = sorted.flatMap((e) => {
        const { best } = latest(accesses, e.actors, inNamespace(ns));
        return best ? [{ e, at: best.at }] : [];
      });
      const pg = page(used, limit, ({ e }) => key(e));
      return {
        ...jobHeader(job, subject),
        EntityDetailsList: pg.items.map(({ e, at }): XmlStruct => ({
          EntityInfo: { Arn: e.arn, Name: e.name, Type: e.type, Id: e.id, Path: e.path },
          LastAuthenticated: at,
        })),
        IsTruncated: pg.IsTruncated,
        Marker: pg.Marker,
      };
    },
  ),
};
