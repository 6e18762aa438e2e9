// The context every action handler receives: the database, keys, clock, the authenticated caller,
// `authorize` (self-authorization through the core's one decision function, audited when denied) and
// `commit` (one atomic D1 batch that also carries the audit entry for the change). The action's own
// condition keys are built from the facts each action passes (`facts`: the target's current tags and
// boundary, the request's tags ...) by the core's actionConditionKeys, for every key AWS documents.
import { IamError } from '@edge-iam/core';
import type { ServiceKeys } from '@edge-iam/core/crypto';
import type { Caller } from '@edge-iam/core/authn';
import {
  accessDenied,
  actionConditionKeys,
  decide,
  encodeAuthorizationMessage,
  globalConditionKeys,
  loadCallerPolicies,
  NO_ENTITY_FACTS,
  type CallerRequest,
  type CompiledPrincipal,
  type RequestFacts,
} from '@edge-iam/core/authz';
import type { Db } from '@edge-iam/core/db';
import type { BreachedPasswordsConfig } from '@edge-iam/core/passwords';
import type { CompiledPolicySet, ContextValue, Decision } from '@edge-iam/core/policy';
import { auditStatement, auditStatementWhen, writeAudit, type AuditEntry, type Guard, type Statement } from '@edge-iam/core/repo';

export type Api = 'iam' | 'sts';

export interface RequestInfo {
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
  secure: boolean;
  region: string;
}

export interface AuthorizeOptions {
  /** the action to authorize when it is not the request's own (`iam:TagUser` on CreateUser with tags) */
  action?: string;
  /**
   * The facts the action's documented condition keys come from (`resourceTags`, `permissionsBoundary`,
   * `requestTags` ...; see RequestFacts). INVARIANT: every fact a documented key needs is given, or
   * the decision is refused (an internal error), so no key AWS sets can be silently left out.
   */
  facts?: RequestFacts;
  /** further keys beyond the documented ones; the keys built from `facts` win over them */
  context?: Record<string, ContextValue>;
  /** a resource-based policy, or the role's trust policy for sts:AssumeRole */
  resourcePolicy?: CompiledPolicySet;
  /** leave the reason out of the AccessDenied message (where a missing resource must look the same) */
  withoutReason?: boolean;
  /** MFA this request proved itself (AssumeRole's TokenCode): sets aws:MultiFactorAuthPresent/Age */
  mfaAuthenticatedAt?: Date;
}

export class ActionContext {
  private compiled: Promise<CompiledPrincipal | null> | undefined;
  /** whether an authorization of this request has passed (see `missing`) */
  private authorized = false;

  constructor(
    readonly db: Db,
    readonly keys: ServiceKeys,
    readonly now: Date,
    readonly caller: Caller,
    readonly action: string,
    readonly service: Api,
    readonly request: RequestInfo,
    readonly waitUntil: (p: Promise<unknown>) => void,
    /** deployment settings the actions read: the breached-password range API (null: off) */
    readonly settings: { breachedPasswords: BreachedPasswordsConfig | null } = { breachedPasswords: null },
  ) {}

  get accountId() {
    return this.caller.accountId;
  }

  /** The caller's compiled policies, loaded once per request. */
  callerPolicies(): Promise<CompiledPrincipal | null> {
    this.compiled ??= loadCallerPolicies(this.db, this.caller);
    return this.compiled;
  }

  /** The decision on `<service>:<action>` (or `opts.action`) on `resourceArn`, without acting on it. */
  async decide(resourceArn: string, opts: AuthorizeOptions = {}): Promise<Decision> {
    return decide(await this.callerRequest(resourceArn, opts));
  }

  /** What `decide` decides on: the caller, its policies, the action and resource, every condition key. */
  private async callerRequest(resourceArn: string, opts: AuthorizeOptions): Promise<CallerRequest> {
    const action = opts.action ?? `${this.service}:${this.action}`;
    const keys = actionConditionKeys(action, opts.facts ?? {});
    if (keys.missing.length > 0) {
      throw new Error(`${action} on ${resourceArn} cannot be decided without its condition keys ${keys.missing.join(', ')}`);
    }
    const policies = await this.callerPolicies();
    const { sourceIp, secure } = this.request;
    return {
      caller: this.caller,
      policies,
      action,
      resource: resourceArn,
      globals: globalConditionKeys(this.caller, policies, {
        now: this.now,
        sourceIp,
        secure,
        ...(opts.mfaAuthenticatedAt ? { mfaAuthenticatedAt: opts.mfaAuthenticatedAt } : {}),
      }),
      context: { ...opts.context, ...keys.context },
      ...(opts.resourcePolicy ? { resourcePolicy: opts.resourcePolicy } : {}),
      // IAM administers the caller's own account: its resources, and AWS-managed policies, are the account's.
      resourceAccount: this.accountId,
    };
  }

  /**
   * Throws AccessDenied unless the caller may perform `<service>:<action>` on `resourceArn`.
   * INVARIANT: every action calls this before reading or changing anything it names.
   */
  async authorize(resourceArn: string, opts: AuthorizeOptions = {}): Promise<void> {
    const action = opts.action ?? `${this.service}:${this.action}`;
    // AWS: GetFederationToken's credentials call no IAM operation and no STS one but GetCallerIdentity.
    if (this.caller.kind === 'federated-user') {
      this.denied(resourceArn, action);
      throw new IamError(
        'AccessDenied',
        `User: ${this.caller.arn} is not authorized to perform: ${action} on resource: ${resourceArn} ` +
          'because federated users (GetFederationToken credentials) cannot call IAM or STS operations other than GetCallerIdentity',
      );
    }
    const request = await this.callerRequest(resourceArn, opts);
    const decision = decide(request);
    if (decision.decision === 'Allow') {
      this.authorized = true;
      return;
    }
    if (opts.withoutReason) throw this.denied(resourceArn, opts.action);
    const err = this.denied(resourceArn, opts.action, decision);
    // The decision's explanation, sealed, for sts:DecodeAuthorizationMessage (authz/authorization-message.ts).
    const conditions = { ...request.context, ...request.globals };
    const encoded = await encodeAuthorizationMessage(this.keys.masterKey, {
      caller: this.caller,
      action,
      resource: resourceArn,
      decision,
      conditions,
    });
    throw encoded ? new IamError(err.code, err.message, { encodedAuthorizationMessage: encoded }) : err;
  }

  /**
   * The answer for an entity the request names that does not exist. A caller who has not yet been
   * allowed anything in this request is first authorized against the ARN the entity would have, so
   * NoSuchEntity is only ever told to someone who could act on it: no enumeration by the unauthorized.
   */
  async missing(plannedArn: string, notFound: IamError): Promise<never> {
    if (!this.authorized) await this.authorize(plannedArn, { facts: NO_ENTITY_FACTS });
    throw notFound;
  }

  /** The AccessDenied error for `resourceArn`, audited; without a decision it gives no reason. */
  denied(resourceArn: string, action = `${this.service}:${this.action}`, decision?: Decision): IamError {
    this.waitUntil(
      writeAudit(this.db, this.auditEntry(resourceArn, 'AccessDenied', 'AccessDenied')).catch((e) => console.error('audit failed', e)),
    );
    return accessDenied(this.caller, action, resourceArn, decision);
  }

  auditEntry(target: string | null, outcome: AuditEntry['outcome'], errorCode: string | null = null): AuditEntry {
    return {
      accountId: this.caller.accountId,
      at: this.now,
      requestId: this.request.requestId,
      actorArn: this.caller.arn,
      action: `${this.service}:${this.action}`,
      target,
      outcome,
      errorCode,
      sourceIp: this.request.sourceIp,
      userAgent: this.request.userAgent,
    };
  }

  /**
   * Runs the change and its audit entry as one atomic batch; unique-index clashes become `onConflict`.
   * With `auditWhen`, the change is conditional (a guarded insert) and is audited only if it happened.
   */
  async commit(statements: Statement[], target: string, onConflict?: () => IamError, auditWhen?: Guard): Promise<void> {
    try {
      const entry = this.auditEntry(target, 'Success');
      if (auditWhen) {
        const [first, ...rest] = [...statements, auditStatementWhen(this.db, entry, auditWhen) as Statement];
        await this.db.batch([first!, ...rest]);
        return;
      }
      await this.db.batch([auditStatement(this.db, entry) as Statement, ...statements]);
    } catch (e) {
      if (onConflict && isConstraintViolation(e, 'UNIQUE')) throw onConflict();
      throw e;
    }
  }
}

/** D1 errors arrive wrapped by drizzle; the SQLite message is in the cause. */
export function isConstraintViolation(e: unknown, kind: 'UNIQUE' | 'FOREIGN KEY' | 'CHECK' | 'NOT NULL'): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    if (cur instanceof Error && cur.message.includes(`${kind} constraint failed`)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
