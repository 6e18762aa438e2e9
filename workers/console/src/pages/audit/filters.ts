// The audit trail's filters as the GET form sends them, checked before the API is asked, and turned
// into the query of the identity worker's `GET /audit-log`. The page works in UTC: a datetime-local
// input carries no zone, so `2026-03-01T09:30` means 09:30 UTC, as every time on the page is shown;
// an ISO 8601 time with a zone (from a link) is accepted too and shown back in UTC.

export type Outcome = 'Success' | 'AccessDenied' | 'Failure';
export const OUTCOMES: readonly Outcome[] = ['Success', 'AccessDenied', 'Failure'];

export interface Filters {
  since: string;
  until: string;
  action: string;
  actor: string;
  outcome: string;
  maxItems: string;
  marker: string;
}

export const DEFAULT_MAX_ITEMS = 50;
export const MAX_ITEMS = 1000;

export function readFilters(q: (name: string) => string | undefined): Filters {
  const get = (name: string, max: number) => (q(name) ?? '').trim().slice(0, max);
  return {
    since: get('since', 64),
    until: get('until', 64),
    action: get('action', 200),
    actor: get('actor', 2100),
    outcome: get('outcome', 20),
    maxItems: get('maxItems', 10),
    marker: get('marker', 400),
  };
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A datetime-local value read as UTC (or an ISO time with its zone), or null when it is no real time. */
export function toUtc(value: string): Date | null {
  if (ZONED.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : new Date(t);
  }
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s, ms] = [1, 2, 3, 4, 5, 6, 7].map((i) => Number(i === 7 ? (m[i] ?? '0').padEnd(3, '0') : (m[i] ?? '0')));
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!));
  // Date.UTC rolls 2026-02-30 over to March: a value that does not come back unchanged is not a date.
  const same =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo! - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi;
  return same && s! < 60 ? date : null;
}

/** The value a datetime-local input shows for a UTC time (seconds only when there are some). */
export const toLocalInput = (d: Date) =>
  d
    .toISOString()
    .replace(/(:00)?\.000Z$/, '')
    .replace(/\.\d{3}Z$/, '');

const ACTION = /^[\w-]+:[\w*-]+$/;

export type FieldErrors = Record<string, string>;

/** Field errors, and the `/audit-log` query when there are none. */
export function checkFilters(f: Filters): { errors: FieldErrors; query?: URLSearchParams } {
  const errors: FieldErrors = {};
  const since = f.since ? toUtc(f.since) : undefined;
  const until = f.until ? toUtc(f.until) : undefined;
  if (since === null) errors.since = 'Enter the start as a date and time, for example 2026-03-01T09:30 (UTC)';
  if (until === null) errors.until = 'Enter the end as a date and time, for example 2026-03-01T17:00 (UTC)';
  if (since && until && since.getTime() >= until.getTime()) errors.until = 'The end must be after the start';
  if (f.action && (f.action.length > 128 || !ACTION.test(f.action)))
    errors.action = 'Enter one action as service:name, for example iam:CreateUser';
  if (f.actor && (f.actor.length < 20 || f.actor.length > 2048 || !f.actor.startsWith('arn:')))
    errors.actor = 'Enter the ARN of who acted, for example arn:aws:iam::123456789012:user/tom';
  if (f.outcome && !(OUTCOMES as readonly string[]).includes(f.outcome)) errors.outcome = 'Choose Success, AccessDenied or Failure';
  const n = Number(f.maxItems);
  if (f.maxItems && (!/^\d{1,4}$/.test(f.maxItems) || n < 1 || n > MAX_ITEMS))
    errors.maxItems = `Enter a number of entries per page from 1 to ${MAX_ITEMS}`;
  if (f.marker.length > 200) errors.marker = 'The page link is damaged: start again from the newest entries';
  if (Object.keys(errors).length > 0) return { errors };

  const query = new URLSearchParams();
  if (since) query.set('since', since.toISOString());
  if (until) query.set('until', until.toISOString());
  if (f.action) query.set('action', f.action);
  if (f.actor) query.set('actor', f.actor);
  if (f.outcome) query.set('outcome', f.outcome);
  query.set('maxItems', f.maxItems || String(DEFAULT_MAX_ITEMS));
  if (f.marker) query.set('marker', f.marker);
  return { errors, query };
}

/** This page's URL for the same filters (and another marker): for "Older entries" and filter links. */
export function pageLink(f: Filters, changes: Partial<Filters>): string {
  const all = { ...f, ...changes };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(all)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `/console/audit?${s}` : '/console/audit';
}
