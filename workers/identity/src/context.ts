// The context every action handler receives: the database, keys, clock, the authenticated caller,
// `authorize` (self-authorization through the policy engine, audited when denied) and `commit`
// (one atomic D1 batch that also carries the audit entry for the change).
import type { SQL } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '@edge-iam/core/http/worker-app';
import type { BatchItem } from 'drizzle-orm/batch';
import { IamError } from '@edge-iam/core';
import type { ServiceKeys } from '@edge-iam/core/auth/keys';
import type { CompiledPrincipal } from '@edge-iam/core/authz/compile-effective';
import type { Db } from '@edge-iam/core/db/client';
import type { ContextValue } from '@edge-iam/core/policy/types';
import { auditStatement, auditStatementWhen, writeAudit, type AuditEntry } from '@edge-iam/core/repo/audit';
import { callerContext, loadCallerPolicies } from '@edge-iam/core/authz/caller-policies';
import { accessDenied, decide } from './authorize';
import type { Caller } from '@edge-iam/core/authn/caller';

export interface RequestInfo {
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
  secure: boolean;
  region: string;
}

/** What the audit log and the condition keys need to know about the HTTP request itself. */
export function requestInfo<E extends AppEnv>(c: Context<E>, region: string): RequestInfo {
  return {
    requestId: (c as unknown as Context<AppEnv>).get('requestId'),
    sourceIp: c.req.header('cf-connecting-ip') ?? null,
    // Browser builds of the AWS SDKs cannot set User-Agent and send x-amz-user-agent instead.
    userAgent: c.req.header('user-agent') ?? c.req.header('x-amz-user-agent') ?? null,
    secure: new URL(c.req.url).protocol === 'https:',
    region,
  };
}

export class ActionContext {
  private compiled: Promise<CompiledPrincipal | null> | undefined;

  constructor(
    readonly db: Db,
    readonly keys: ServiceKeys,
    readonly now: Date,
    readonly caller: Caller,
    readonly action: string,
    readonly service: 'iam' | 'sts',
    readonly request: RequestInfo,
    readonly waitUntil: (p: Promise<unknown>) => void,
  ) {}

  get accountId() {
    return this.caller.accountId;
  }

  /** The caller's compiled policies, loaded once per request. */
  callerPolicies(): Promise<CompiledPrincipal | null> {
    this.compiled ??= loadCallerPolicies(this.db, this.caller);
    return this.compiled;
  }

  async context(extra: Record<string, ContextValue> = {}) {
    return { ...callerContext(this.caller, await this.callerPolicies(), this.now, this.request.sourceIp, this.request.secure), ...extra };
  }

  /**
   * Throws AccessDenied unless the caller may perform `<service>:<action>` on `resourceArn`.
   * INVARIANT: every action calls this before reading or changing anything it names.
   */
  async authorize(resourceArn: string, opts: { action?: string; context?: Record<string, ContextValue> } = {}): Promise<void> {
    const action = opts.action ?? `${this.service}:${this.action}`;
    const decision = decide(this.caller, await this.callerPolicies(), action, resourceArn, await this.context(opts.context));
    if (decision === 'root' || decision.decision === 'Allow') return;
    const err = accessDenied(this.caller, action, resourceArn, decision);
    this.waitUntil(writeAudit(this.db, this.auditEntry(resourceArn, 'AccessDenied', 'AccessDenied')).catch((e) => console.error('audit failed', e)));
    throw err;
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
  async commit(statements: BatchItem<'sqlite'>[], target: string, onConflict?: () => IamError, auditWhen?: SQL): Promise<void> {
    try {
      const entry = this.auditEntry(target, 'Success');
      if (auditWhen) {
        const audit: BatchItem<'sqlite'> = auditStatementWhen(this.db, entry, auditWhen);
        const [first, ...rest] = [...statements, audit];
        await this.db.batch([first!, ...rest]);
        return;
      }
      const audit: BatchItem<'sqlite'> = auditStatement(this.db, entry);
      await this.db.batch([audit, ...statements]);
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
