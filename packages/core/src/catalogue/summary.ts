// A policy summary as the AWS console shows one: for each service a document names, which access levels
// it allows (and, separately, denies) - "Full access", "Full: List Limited: Read" - how many of the
// service's actions, on which resources, and under which conditions; plus the services and actions the
// catalogue does not know ("unrecognized"). Pure: it reads any JSON shape IAM accepts (Statement object
// or array, Action or NotAction, strings or arrays) and skips what it cannot read rather than failing.
import { ACCESS_LEVELS, getService, listServices, type AccessLevel } from './actions';
import { expandActionPattern, suggestAction } from './patterns';

export type Effect = 'Allow' | 'Deny';

export interface LevelCount {
  readonly level: AccessLevel;
  readonly granted: number;
  readonly total: number;
}

export interface ServiceSummary {
  /** a service prefix, or `*` for the row that stands for every service a wildcard covers in full */
  readonly prefix: string;
  readonly name: string;
  /** `Full access`, `Full: List, Read Limited: Write`, `Limited: Read`, `None` */
  readonly access: string;
  readonly levels: readonly LevelCount[];
  readonly actionCount: number;
  readonly totalActions: number;
  /** for the `*` row: how many services it stands for */
  readonly serviceCount?: number;
  /** `All resources`, or the ARNs (`All resources except ...` for NotResource) */
  readonly resources: readonly string[];
  readonly allResources: boolean;
  /** `StringEquals aws:SourceIp` ...; empty when no condition applies */
  readonly conditions: readonly string[];
}

export interface Unrecognized {
  /** the pattern as written: `s4:GetObject`, `s3:GetObjet` */
  readonly value: string;
  readonly kind: 'service' | 'action';
  /** the nearest real name, when there is one */
  readonly suggestion?: string;
}

export interface PolicySummary {
  readonly allow: readonly ServiceSummary[];
  readonly deny: readonly ServiceSummary[];
  readonly unrecognized: readonly Unrecognized[];
  /** set when the document could not be read as a policy at all */
  readonly problem?: string;
}

interface Statement {
  effect: Effect;
  actions: string[];
  notActions: boolean;
  resources: string[];
  notResources: boolean;
  conditions: string[];
}

const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An element by name, case-insensitively as IAM reads element names. */
function element(s: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(s).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : s[key];
}

function readStatements(doc: unknown): Statement[] | string {
  if (!isRecord(doc)) return 'the document is not a JSON object';
  const raw = element(doc, 'Statement');
  const list = Array.isArray(raw) ? raw : isRecord(raw) ? [raw] : undefined;
  if (!list) return 'the document has no `Statement`';
  const out: Statement[] = [];
  for (const s of list) {
    if (!isRecord(s)) continue;
    const effect = element(s, 'Effect');
    if (effect !== 'Allow' && effect !== 'Deny') continue;
    const notActions = element(s, 'NotAction') !== undefined;
    const notResources = element(s, 'NotResource') !== undefined;
    const cond = element(s, 'Condition');
    const conditions = isRecord(cond)
      ? Object.entries(cond).flatMap(([op, keys]) => (isRecord(keys) ? Object.keys(keys).map((k) => `${op} ${k}`) : []))
      : [];
    out.push({
      effect,
      notActions,
      actions: strings(element(s, notActions ? 'NotAction' : 'Action')),
      notResources,
      // A statement with neither Resource nor NotResource (a trust policy) applies to its own resource.
      resources: strings(element(s, notResources ? 'NotResource' : 'Resource') ?? '*'),
      conditions,
    });
  }
  return out;
}

interface Acc {
  actions: Set<string>;
  resources: Set<string>;
  allResources: boolean;
  conditions: Set<string>;
  /** every statement that reached this service named it only through a service wildcard (`*`, NotAction) */
  wide: boolean;
}

/** The ARN's service field (`arn:aws:s3:::b` -> `s3`); undefined for `*` and wildcarded services. */
function arnService(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && !/[*?]/.test(parts[2]!) ? parts[2]!.toLowerCase() : undefined;
}

/** "Full access", or each level as Full or Limited, as the AWS console writes it. */
export function describeAccess(levels: readonly LevelCount[]): string {
  const used = levels.filter((l) => l.granted > 0);
  if (used.length === 0) return 'None';
  if (levels.every((l) => l.granted === l.total)) return 'Full access';
  const full = used.filter((l) => l.granted === l.total).map((l) => l.level);
  const limited = used.filter((l) => l.granted < l.total).map((l) => l.level);
  return [full.length ? `Full: ${full.join(', ')}` : '', limited.length ? `Limited: ${limited.join(', ')}` : ''].filter(Boolean).join(' ');
}

function serviceRow(prefix: string, acc: Acc): ServiceSummary {
  const service = getService(prefix)!;
  const levels = ACCESS_LEVELS.map((level) => {
    const all = service.actions.filter((a) => a.level === level);
    return { level, total: all.length, granted: all.filter((a) => acc.actions.has(a.action)).length };
  }).filter((l) => l.total > 0);
  // Only the ARNs of this service (or that could be): a statement for s3 and ec2 lists both services' resources.
  const own = [...acc.resources].filter((r) => r.startsWith('All resources except') || (arnService(r) ?? prefix) === prefix);
  return {
    prefix,
    name: service.name,
    access: describeAccess(levels),
    levels,
    actionCount: acc.actions.size,
    totalActions: service.actionCount,
    resources: acc.allResources ? ['All resources'] : own.length ? own : [...acc.resources],
    allResources: acc.allResources,
    conditions: [...acc.conditions],
  };
}

function summarizeEffect(statements: Statement[], effect: Effect, unknown: Map<string, Unrecognized>): ServiceSummary[] {
  const byService = new Map<string, Acc>();
  for (const s of statements.filter((x) => x.effect === effect)) {
    const named = new Map<string, Set<string>>();
    let wide = s.notActions;
    for (const pattern of s.actions) {
      const m = expandActionPattern(pattern);
      if (m.services.length === 0 || m.actions.length === 0) {
        if (!s.notActions) recordUnknown(pattern, m.services.length === 0, unknown);
        continue;
      }
      if (pattern === '*' || pattern.split(':')[0]!.includes('*')) wide = true;
      for (const a of m.actions) {
        const set = named.get(a.service) ?? new Set<string>();
        set.add(a.action);
        named.set(a.service, set);
      }
    }
    const reached = s.notActions ? notActionServices(named) : named;
    for (const [prefix, actions] of reached) {
      const acc = byService.get(prefix) ?? {
        actions: new Set(),
        resources: new Set(),
        allResources: false,
        conditions: new Set(),
        wide: true,
      };
      actions.forEach((a) => acc.actions.add(a));
      if (s.notResources) acc.resources.add(`All resources except ${s.resources.join(', ')}`);
      else if (s.resources.includes('*')) acc.allResources = true;
      else s.resources.forEach((r) => acc.resources.add(r));
      s.conditions.forEach((c) => acc.conditions.add(c));
      acc.wide &&= wide;
      byService.set(prefix, acc);
    }
  }
  const rows = [...byService.entries()].map(([prefix, acc]) => ({ row: serviceRow(prefix, acc), wide: acc.wide }));
  // `Action: "*"` or a NotAction reaches every service: one row stands for those it covers in full.
  const merged = rows.filter((r) => r.wide && r.row.access === 'Full access');
  if (merged.length <= 1) return rows.map((r) => r.row).sort(byName);
  const first = merged[0]!.row;
  const rest = rows.filter((r) => !merged.includes(r)).map((r) => r.row);
  const all: ServiceSummary = {
    ...first,
    prefix: '*',
    name: rest.length ? 'All other services' : 'All services',
    serviceCount: merged.length,
    actionCount: merged.reduce((n, r) => n + r.row.actionCount, 0),
    totalActions: merged.reduce((n, r) => n + r.row.totalActions, 0),
    levels: [],
  };
  return [all, ...rest.sort(byName)];
}

const byName = (a: ServiceSummary, b: ServiceSummary) => a.name.localeCompare(b.name);

/** For NotAction: each service with the actions the statement does not exclude. */
function notActionServices(excluded: Map<string, Set<string>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const info of listServices()) {
    const ex = excluded.get(info.prefix);
    const left = getService(info.prefix)!.actions.filter((a) => !ex?.has(a.action));
    if (left.length) out.set(info.prefix, new Set(left.map((a) => a.action)));
  }
  return out;
}

function recordUnknown(pattern: string, serviceUnknown: boolean, unknown: Map<string, Unrecognized>): void {
  if (unknown.has(pattern.toLowerCase())) return;
  const s = suggestAction(pattern);
  const suggestion = s.kind === 'action' ? s.action : s.kind === 'service' ? (s.action ?? `${s.service}:`) : undefined;
  unknown.set(pattern.toLowerCase(), {
    value: pattern,
    kind: serviceUnknown ? 'service' : 'action',
    ...(suggestion !== undefined && { suggestion }),
  });
}

/** The summary of a policy document (parsed JSON, or its text). */
export function summarizePolicy(document: unknown): PolicySummary {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return { allow: [], deny: [], unrecognized: [], problem: 'the document is not valid JSON' };
    }
  }
  const statements = readStatements(doc);
  if (typeof statements === 'string') return { allow: [], deny: [], unrecognized: [], problem: statements };
  const unknown = new Map<string, Unrecognized>();
  const allow = summarizeEffect(statements, 'Allow', unknown);
  const deny = summarizeEffect(statements, 'Deny', unknown);
  return { allow, deny, unrecognized: [...unknown.values()] };
}
