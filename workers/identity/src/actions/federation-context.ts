// The context of the two STS actions that take no AWS credentials (AssumeRoleWithWebIdentity,
// AssumeRoleWithSAML): as in AWS, the identity provider's token or assertion is the only proof, so
// there is no caller, no SigV4 and no identity policy, only the role's trust policy. Such an action
// gets the database, keys, clock and request facts, where this service's own OpenID Connect issuer
// is, whether it runs on a loopback origin, and an audit trail in the role's account.
//
// INVARIANT: there is no Caller here and no `authorize`: nothing an unsigned action does can be
// decided on anyone's identity policies, so no such code path exists to be misused.
import { z } from 'zod';
import type { Env } from '@edge-iam/core';
import type { XmlStruct } from '@edge-iam/core/aws';
import { requireServiceKeys, tokenConfig, type ServiceKeys } from '@edge-iam/core/crypto';
import { createDb, type Db } from '@edge-iam/core/db';
import { clientInfo, type ClientInfo } from '@edge-iam/core/http';
import { auditStatement, writeAudit, type AuditEntry, type Statement } from '@edge-iam/core/repo';
import { isConstraintViolation } from '../context';
import type { IamError } from '@edge-iam/core';

/** Loopback hosts: where a developer's machine may run the service, and an identity provider next to it. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]';
}

export interface FederationSettings {
  /** this service's own OpenID Connect issuer (JWT_ISSUER, or the origin in local development); null when unset */
  ownIssuer: string | null;
  /** the service runs on a loopback origin: an `http://localhost` identity provider is allowed then, and only then */
  loopback: boolean;
}

export class FederationContext {
  constructor(
    readonly db: Db,
    readonly keys: ServiceKeys,
    readonly now: Date,
    readonly action: string,
    readonly requestId: string,
    readonly client: ClientInfo,
    readonly settings: FederationSettings,
    readonly waitUntil: (p: Promise<unknown>) => void,
    /** the region credentials are recorded as used in (no SigV4 scope here: STS's global endpoint) */
    readonly region = 'us-east-1',
  ) {}

  /** An audit entry in the role's account, the federated principal (provider, subject) as the actor. */
  auditEntry(
    accountId: string,
    actorArn: string,
    target: string,
    outcome: AuditEntry['outcome'],
    errorCode: string | null = null,
  ): AuditEntry {
    return {
      accountId,
      at: this.now,
      requestId: this.requestId,
      actorArn,
      action: `sts:${this.action}`,
      target,
      outcome,
      errorCode,
      sourceIp: this.client.sourceIp,
      userAgent: this.client.userAgent,
    };
  }

  /** Records a refusal in the role's account (after the response: it must never fail the request). */
  refused(accountId: string, actorArn: string, target: string, error: IamError): IamError {
    this.waitUntil(
      writeAudit(
        this.db,
        this.auditEntry(accountId, actorArn, target, error.code === 'AccessDenied' ? 'AccessDenied' : 'Failure', error.code),
      ).catch((e) => console.error('audit failed', e)),
    );
    return error;
  }

  /** The credentials and their audit entry, in one batch; a unique-key clash becomes `onConflict`. */
  async commit(statements: Statement[], entry: AuditEntry, onConflict?: () => IamError): Promise<void> {
    try {
      await this.db.batch([auditStatement(this.db, entry) as Statement, ...statements]);
    } catch (e) {
      if (onConflict && isConstraintViolation(e, 'UNIQUE')) throw onConflict();
      throw e;
    }
  }
}

/** The settings from the environment and the origin the request reached. */
function federationSettings(env: Env, origin: string): FederationSettings {
  const loopback = URL.canParse(origin) && isLoopbackHost(new URL(origin).hostname);
  let ownIssuer: string | null = null;
  try {
    ownIssuer = tokenConfig(env, origin).issuer;
  } catch {
    // JWT_ISSUER unset on a public origin: there is no own issuer to trust (sign-in says why).
  }
  return { ownIssuer, loopback };
}

export async function federationContext(
  env: Env,
  req: Request,
  action: string,
  requestId: string,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<FederationContext> {
  const db = createDb(env.DB);
  const keys = await requireServiceKeys(env);
  const settings = federationSettings(env, new URL(req.url).origin);
  return new FederationContext(db, keys, new Date(), action, requestId, clientInfo(req, env), settings, waitUntil);
}

/** An unsigned STS action: its parameters and a handler that gets a FederationContext, never a caller. */
export interface UnsignedActionDef<S extends z.ZodType = z.ZodType> {
  params: S;
  handler: (ctx: FederationContext, input: z.output<S>) => Promise<XmlStruct>;
}

export function unsignedAction<S extends z.ZodType>(params: S, handler: UnsignedActionDef<S>['handler']): UnsignedActionDef<S> {
  return { params, handler };
}
