// What the end user sees when the middleware stops a request, unless the app says otherwise: JSON for
// API clients, a short HTML page for browsers. INVARIANT: a 403 names no policy, statement or ARN:
// those are the account's business, and they go to the app's log (onDecision) with the same reference.
import type { Context } from 'hono';
import type { Decision } from '../types.js';
import type { Problem } from './credentials.js';

export interface Denial {
  /** `denied`: the policies said no; `root-refused`: the root user, refused by `refuseRoot`. */
  reason: 'denied' | 'root-refused';
  decision: Decision;
  /** A random id in the response and in the log entry, so a person can report what happened. */
  reference: string;
}

const wantsHtml = (c: Context) => /\btext\/html\b/.test(c.req.header('accept') ?? '');

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function page(c: Context, status: 401 | 403 | 503, title: string, paragraphs: string[]) {
  const body = paragraphs.map((p) => `<p>${escape(p)}</p>`).join('');
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`,
    status,
    { 'cache-control': 'no-store' },
  );
}

export function unauthenticatedResponse(c: Context, problem: Problem): Response {
  c.header('www-authenticate', 'Bearer');
  if (wantsHtml(c)) return page(c, 401, 'Sign in to continue', [`This page needs you to be signed in (${problem.message}).`]);
  return c.json({ error: problem }, 401, { 'cache-control': 'no-store' });
}

export function deniedResponse(c: Context, denial: Denial): Response {
  const message =
    denial.reason === 'root-refused'
      ? 'the root user may not use this app: sign in as an IAM user'
      : 'you do not have permission to do this';
  if (wantsHtml(c)) {
    return page(c, 403, 'Access denied', [
      denial.reason === 'root-refused'
        ? 'The account’s root user may not use this app. Sign in as an IAM user.'
        : 'You do not have permission to do this. If you think you should, ask your administrator.',
      `Reference: ${denial.reference}`,
    ]);
  }
  return c.json({ error: { code: 'AccessDenied', message, reference: denial.reference } }, 403, { 'cache-control': 'no-store' });
}

export function unavailableResponse(c: Context): Response {
  c.header('retry-after', '5');
  if (wantsHtml(c)) return page(c, 503, 'Try again shortly', ['Permissions could not be checked just now. Try again in a few seconds.']);
  return c.json({ error: { code: 'ServiceUnavailable', message: 'permissions could not be checked just now; try again shortly' } }, 503, {
    'cache-control': 'no-store',
  });
}
