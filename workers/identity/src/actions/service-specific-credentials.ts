// Service-specific credentials: CreateServiceSpecificCredential, ListServiceSpecificCredentials,
// ResetServiceSpecificCredential, UpdateServiceSpecificCredential, DeleteServiceSpecificCredential.
// Two kinds, by service: a user name and password (CodeCommit Git, Amazon Keyspaces), or an API key
// (Bedrock, CloudWatch Logs: an alias and a secret, optionally expiring after CredentialAgeDays).
// INVARIANT: the secret is returned only by Create and Reset; only its SHA-256 is stored. At most 2
// per user per service. Without UserName an action applies to the calling IAM user.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import type { XmlStruct } from '@edge-iam/core/aws';
import type { RequestFacts } from '@edge-iam/core/authz';
import { bytesToBase64, utf8 } from '@edge-iam/core/util';
import {
  deleteServiceSpecificCredentialStatement,
  findServiceSpecificCredential,
  findUserById,
  listServiceSpecificCredentials,
  MAX_SERVICE_CREDENTIALS_PER_USER_PER_SERVICE,
  newServiceSpecificCredential,
  resetServiceSpecificCredentialStatement,
  serviceSecretHash,
  setServiceSpecificCredentialStatusStatement,
  type ServiceSpecificCredentialRow,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { awsString, bool, int, marker, maxItems, name64, status } from '../params';
import { credentialOwner, type CredentialOwner } from './credential-owner';
import { UNTAGGED } from './request-facts';

/** The services AWS issues service-specific credentials for, and which kind each gets. */
const SERVICES: Readonly<Record<string, 'password' | 'api-key'>> = {
  'codecommit.amazonaws.com': 'password',
  'cassandra.amazonaws.com': 'password',
  'bedrock.amazonaws.com': 'api-key',
  'logs.amazonaws.com': 'api-key',
};
const DAY_MS = 24 * 60 * 60 * 1000;

const credentialId = awsString(20, 128, /^[\w]+$/, '[\\w]+');
const serviceName = z.string({ error: () => 'Member must not be null' });

const notSupported = (service: string) =>
  new IamError('NotSupportedService', `The service ${service} is not supported for service-specific credentials.`);
const noSuchCredential = (id: string) => new IamError('NoSuchEntity', `No such credential ${id} exists`);

function kindOf(service: string): 'password' | 'api-key' {
  const kind = SERVICES[service];
  if (!kind) throw notSupported(service);
  return kind;
}

/** 32 random bytes, base64 (44 characters), as AWS's Git passwords look; API keys carry their alias too. */
function newSecret(kind: 'password' | 'api-key', service: string, alias: string): string {
  const random = bytesToBase64(crypto.getRandomValues(new Uint8Array(32)));
  if (kind === 'password') return random;
  // Bedrock API keys are `ABSK` + base64("<alias>:<secret>"), so a client can send the key alone.
  const key = bytesToBase64(utf8.encode(`${alias}:${random}`));
  return service === 'bedrock.amazonaws.com' ? `ABSK${key}` : key;
}

function metadata(owner: CredentialOwner, c: ServiceSpecificCredentialRow): XmlStruct {
  const apiKey = SERVICES[c.serviceName] === 'api-key';
  return {
    UserName: owner.userName,
    Status: c.status,
    ServiceUserName: apiKey ? undefined : c.serviceUserName,
    ServiceCredentialAlias: apiKey ? c.serviceUserName : undefined,
    CreateDate: c.createdAt,
    ExpirationDate: c.expiresAt ?? undefined,
    ServiceSpecificCredentialId: c.id,
    ServiceName: c.serviceName,
  };
}

/** The full credential with its secret: only ever built by Create and Reset. */
function withSecret(owner: CredentialOwner, c: ServiceSpecificCredentialRow, secret: string): XmlStruct {
  const apiKey = SERVICES[c.serviceName] === 'api-key';
  return {
    CreateDate: c.createdAt,
    ExpirationDate: c.expiresAt ?? undefined,
    ServiceName: c.serviceName,
    ServiceUserName: apiKey ? undefined : c.serviceUserName,
    ServicePassword: apiKey ? undefined : secret,
    ServiceCredentialAlias: apiKey ? c.serviceUserName : undefined,
    ServiceCredentialSecret: apiKey ? secret : undefined,
    ServiceSpecificCredentialId: c.id,
    UserName: owner.userName,
    Status: c.status,
  };
}

/** An IAM user's credential: the root user has none (AWS: service-specific credentials are for IAM users). */
async function userOwner(ctx: ActionContext, userName: string | undefined): Promise<CredentialOwner & { userId: string }> {
  const owner = await credentialOwner(ctx, userName);
  if (owner.userId === null) throw new IamError('ValidationError', 'Must specify userName when calling with non-User credentials');
  return owner as CredentialOwner & { userId: string };
}

/**
 * The credential named, authorized with its service (iam:ServiceSpecificCredentialServiceName), so it
 * is read first; a missing one is only told to a caller who may act on the owner.
 */
async function requireCredential(ctx: ActionContext, userName: string | undefined, id: string) {
  const owner = await userOwner(ctx, userName);
  const cred = await findServiceSpecificCredential(ctx.db, ctx.accountId, owner.userId, id);
  // The user exists: a missing credential is told only to a caller allowed on the user with its tags.
  await ctx.authorize(owner.arn, { facts: { ...owner.facts, serviceSpecificCredentialServiceName: cred?.serviceName ?? null } });
  if (!cred) throw noSuchCredential(id);
  return { owner, cred };
}

export const serviceSpecificCredentialsActions: ActionTable = {
  CreateServiceSpecificCredential: action(
    z.object({ UserName: name64, ServiceName: serviceName, CredentialAgeDays: int(1, 36600).optional() }),
    async (ctx, p) => {
      const kind = kindOf(p.ServiceName);
      const owner = await userOwner(ctx, p.UserName);
      const facts: RequestFacts = {
        ...owner.facts,
        serviceSpecificCredentialServiceName: p.ServiceName,
        serviceSpecificCredentialAgeDays: p.CredentialAgeDays ?? null,
      };
      await ctx.authorize(owner.arn, { facts });
      if (p.CredentialAgeDays !== undefined && kind !== 'api-key') {
        throw new IamError(
          'InvalidInput',
          `CredentialAgeDays is only valid for services that support long-term API keys, not ${p.ServiceName}.`,
        );
      }
      const serviceUserName = `${owner.userName}-at-${ctx.accountId}`;
      const secret = newSecret(kind, p.ServiceName, serviceUserName);
      const expiresAt = p.CredentialAgeDays !== undefined ? new Date(ctx.now.getTime() + p.CredentialAgeDays * DAY_MS) : null;
      const created = await newServiceSpecificCredential(ctx.db, {
        accountId: ctx.accountId,
        userId: owner.userId,
        serviceName: p.ServiceName,
        serviceUserName,
        secret,
        now: ctx.now,
        expiresAt,
      });
      await ctx.commit([created.insert], owner.arn, undefined, created.inserted);
      const row = await findServiceSpecificCredential(ctx.db, ctx.accountId, owner.userId, created.id);
      if (!row) {
        throw new IamError(
          'LimitExceeded',
          `Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${MAX_SERVICE_CREDENTIALS_PER_USER_PER_SERVICE}`,
        );
      }
      return { ServiceSpecificCredential: withSecret(owner, row, secret) };
    },
  ),

  ListServiceSpecificCredentials: action(
    z.object({
      UserName: name64.optional(),
      ServiceName: serviceName.optional(),
      AllUsers: bool.optional(),
      Marker: marker.optional(),
      MaxItems: maxItems.optional(),
    }),
    async (ctx, p) => {
      if (p.ServiceName !== undefined) kindOf(p.ServiceName);
      if (p.AllUsers && p.UserName !== undefined)
        throw new IamError('InvalidInput', 'AllUsers cannot be specified together with UserName.');
      let rows: { owner: CredentialOwner; cred: ServiceSpecificCredentialRow }[];
      if (p.AllUsers) {
        // Every user's credentials: authorized as a read of any user.
        await ctx.authorize(iamArn(ctx.accountId, 'user', '*'), { facts: UNTAGGED });
        const all = await listServiceSpecificCredentials(ctx.db, ctx.accountId, { serviceName: p.ServiceName });
        rows = await Promise.all(all.map(async (cred) => ({ owner: await ownerById(ctx, cred.userId), cred })));
      } else {
        const owner = await credentialOwner(ctx, p.UserName);
        await ctx.authorize(owner.arn, { facts: owner.facts });
        const all =
          owner.userId === null
            ? []
            : await listServiceSpecificCredentials(ctx.db, ctx.accountId, { userId: owner.userId, serviceName: p.ServiceName });
        rows = all.map((cred) => ({ owner, cred }));
      }
      const after = decodeMarker(p.Marker);
      const rest = after === undefined ? rows : rows.slice(rows.findIndex((r) => r.cred.id === after) + 1);
      const pg = page(rest, p.MaxItems ?? DEFAULT_MAX_ITEMS, (r) => r.cred.id);
      return {
        ServiceSpecificCredentials: pg.items.map((r) => metadata(r.owner, r.cred)),
        IsTruncated: pg.IsTruncated,
        Marker: pg.Marker,
      };
    },
  ),

  ResetServiceSpecificCredential: action(
    z.object({ UserName: name64.optional(), ServiceSpecificCredentialId: credentialId }),
    async (ctx, p) => {
      const { owner, cred } = await requireCredential(ctx, p.UserName, p.ServiceSpecificCredentialId);
      const kind = kindOf(cred.serviceName);
      const secret = newSecret(kind, cred.serviceName, cred.serviceUserName);
      await ctx.commit([resetServiceSpecificCredentialStatement(ctx.db, cred.id, await serviceSecretHash(secret))], owner.arn);
      return { ServiceSpecificCredential: withSecret(owner, cred, secret) };
    },
  ),

  UpdateServiceSpecificCredential: action(
    z.object({ UserName: name64.optional(), ServiceSpecificCredentialId: credentialId, Status: status }),
    async (ctx, p) => {
      const { owner, cred } = await requireCredential(ctx, p.UserName, p.ServiceSpecificCredentialId);
      await ctx.commit([setServiceSpecificCredentialStatusStatement(ctx.db, cred.id, p.Status)], owner.arn);
      return undefined;
    },
  ),

  DeleteServiceSpecificCredential: action(
    z.object({ UserName: name64.optional(), ServiceSpecificCredentialId: credentialId }),
    async (ctx, p) => {
      const { owner, cred } = await requireCredential(ctx, p.UserName, p.ServiceSpecificCredentialId);
      await ctx.commit([deleteServiceSpecificCredentialStatement(ctx.db, cred.id)], owner.arn);
      return undefined;
    },
  ),
};

/** The owner shape of another user's credential, for AllUsers listings (its name is all that is shown). */
async function ownerById(ctx: ActionContext, userId: string): Promise<CredentialOwner> {
  const user = await findUserById(ctx.db, userId);
  return { userId, userName: user?.name, arn: iamArn(ctx.accountId, 'user', user?.name ?? userId, user?.path ?? '/'), facts: UNTAGGED };
}
