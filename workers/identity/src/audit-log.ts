// `GET /audit-log`: who did what, to what, when and from where, newest first (not an AWS API; in AWS
// this is CloudTrail's job). SigV4-signed like the Query API; reading it is `iam:GetAuditLog` on the
// account (root may always). Query: since, until (ISO 8601), action (iam:CreateUser, or iam:Create*
// where `*` matches any run), actor (an ARN), outcome (Success | AccessDenied | Failure), maxItems
// (1-1000, default 100), marker.
import { Hono } from 'hono';
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { rootArn } from '@edge-iam/core/arn';
import { jsonError, parseWith } from '@edge-iam/core/http';
import { readAuditLog } from '@edge-iam/core/repo';
import type { IdentityEnv } from './env';
import { jsonAction } from './request-setup';
import { decodeMarker, encodeMarker } from './pagination';

const query = z
  .object({
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    action: z
      .string()
      .max(128)
      .regex(/^[\w-]+:[\w*-]+$/, { message: 'must look like `iam:CreateUser`' })
      .optional(),
    actor: z.string().min(20).max(2048).optional(),
    outcome: z.enum(['Success', 'AccessDenied', 'Failure']).optional(),
    maxItems: z.coerce.number().int().min(1).max(1000).optional(),
    marker: z.string().max(200).optional(),
  })
  .strict();

export const auditLogRoutes = new Hono<IdentityEnv>();

auditLogRoutes.get('/', jsonAction('GetAuditLog'), async (c) => {
  const ctx = c.var.actionContext;
  await ctx.authorize(rootArn(ctx.accountId));
  const q = parseWith(query, c.req.query(), 'query');
  let before: { at: number; id: number } | undefined;
  if (q.marker) {
    const m = /^(\d+):(\d+)$/.exec(decodeMarker(q.marker) ?? '');
    if (!m) throw new IamError('InvalidInput', 'Invalid marker: use the marker value from a previous response.');
    before = { at: Number(m[1]), id: Number(m[2]) };
  }
  const limit = q.maxItems ?? 100;
  const rows = await readAuditLog(ctx.db, {
    accountId: ctx.accountId,
    limit,
    before,
    since: q.since ? new Date(q.since) : undefined,
    until: q.until ? new Date(q.until) : undefined,
    action: q.action,
    actorArn: q.actor,
    outcome: q.outcome,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const truncated = rows.length > limit && last !== undefined;
  return c.json({
    entries: page.map((r) => ({
      at: r.at.toISOString(),
      action: r.action,
      outcome: r.outcome,
      actor: r.actorArn,
      target: r.target,
      errorCode: r.errorCode,
      requestId: r.requestId,
      sourceIp: r.sourceIp,
      userAgent: r.userAgent,
    })),
    isTruncated: truncated,
    ...(truncated ? { marker: encodeMarker(`${last.at.getTime()}:${last.id}`) } : {}),
  });
});

auditLogRoutes.onError((err, c) => jsonError(c, err));
