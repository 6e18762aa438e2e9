// How console routes answer: a page in the frame (as the signed-in person), a redirect after a change
// (post/redirect/get, with a notice naming what changed), and the form a route reads. Errors from the
// IAM API reach the page as the API's own message: a denied action shows AWS's AccessDenied text.
import type { Child } from 'hono/jsx';
import { IamError, isIamError } from '@edge-iam/core';
import type { ConsoleContext } from './env';
import { Layout, type Section } from './ui/layout';

export interface PageOptions {
  title: string;
  section?: Section;
  crumbs?: readonly (readonly [string, string])[];
  status?: 200 | 400 | 403 | 404 | 409 | 429;
}

export function page(c: ConsoleContext, opts: PageOptions, body: Child): Response | Promise<Response> {
  if (opts.status) c.status(opts.status);
  return c.html(
    <Layout title={opts.title} principal={c.var.session.principal} csrf={c.var.csrfToken} section={opts.section} crumbs={opts.crumbs}>
      {body}
    </Layout>,
  );
}

/** After a change: back to a page, with a notice (`?notice=`) that the page shows once. */
export function redirectWithNotice(c: ConsoleContext, path: string, notice?: string): Response {
  if (!notice) return c.redirect(path, 303);
  const url = new URL(path, 'http://console');
  url.searchParams.set('notice', notice.slice(0, 300));
  return c.redirect(url.pathname + url.search + url.hash, 303);
}

/** The notice a redirect carried; only text (hono/jsx escapes it), never markup. */
export const noticeOf = (c: ConsoleContext): string | null => c.req.query('notice')?.slice(0, 300) || null;

export type Form = Record<string, string | string[]>;

/** The posted form (already read by the CSRF check); repeated names become arrays. */
export async function readForm(c: ConsoleContext): Promise<Form> {
  const body = await c.req.parseBody({ all: true });
  const out: Form = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** One text field, trimmed, at most `max` characters ('' when absent). */
export function text(form: Form, name: string, max = 1024): string {
  const v = form[name];
  const s = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return s.trim().slice(0, max);
}

/** Every value of a repeated field (checkbox lists), de-duplicated. */
export function list(form: Form, name: string, max = 1000): string[] {
  const v = form[name];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return [...new Set(all.map((s) => s.trim()).filter(Boolean))].slice(0, max);
}

export const checked = (form: Form, name: string): boolean => text(form, name) !== '';

/**
 * Runs an API call for a form: the result, or the API's error for the page to show. Only errors a
 * person can act on (4xx) are caught; anything else is the service's failure and goes to onError.
 */
export async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: IamError }> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    if (isIamError(e) && e.status < 500) return { ok: false, error: e };
    throw e;
  }
}

/** The HTTP status a page shows for an API error. */
export function statusFor(e: IamError): 400 | 403 | 404 | 409 | 429 {
  if (e.status === 403 || e.status === 404 || e.status === 409 || e.status === 429) return e.status;
  return 400;
}

export const encode = encodeURIComponent;
export { IamError };
