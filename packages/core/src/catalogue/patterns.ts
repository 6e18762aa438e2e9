// What an action pattern in a policy names, read against the catalogue: the actions a wildcard pattern
// matches (IAM compares case-insensitively, `*` and `?` only), and the nearest real name for one that
// names nothing, for "did you mean" hints. Pure and synchronous.
import { compileGlob, matchGlob } from '../policy/glob';
import { getService, listServices, lookupAction, servicePrefixes, type ActionInfo } from './actions';

const WILD = /[*?]/;

export interface PatternMatch {
  /** the actions the pattern matches, in catalogue order */
  readonly actions: readonly ActionInfo[];
  /** the service prefixes the pattern's service part matches (empty: an unknown service) */
  readonly services: readonly string[];
}

/** The actions `pattern` matches: `s3:Get*`, `s3:getobject`, `*:List*`, `*`. */
export function expandActionPattern(pattern: string): PatternMatch {
  if (pattern === '*') return { actions: listServices().flatMap((s) => getService(s.prefix)!.actions), services: servicePrefixes() };
  const colon = pattern.indexOf(':');
  if (colon < 0) return { actions: [], services: [] };
  const servicePart = pattern.slice(0, colon).toLowerCase();
  const namePart = pattern.slice(colon + 1).toLowerCase();
  const services = WILD.test(servicePart)
    ? servicePrefixes().filter((p) => matchGlob(compileGlob(servicePart), p))
    : getService(servicePart)
      ? [servicePart]
      : [];
  if (!WILD.test(namePart)) {
    const hit = services.length === 1 ? getService(services[0]!)!.byName.get(namePart) : undefined;
    if (hit || services.length <= 1) return { actions: hit ? [hit] : [], services };
  }
  const glob = compileGlob(namePart);
  const actions = services.flatMap((p) => getService(p)!.actions.filter((a) => matchGlob(glob, a.name.toLowerCase())));
  return { actions, services };
}

/**
 * Optimal-string-alignment distance (Levenshtein plus swapping two neighbours), stopping early once it
 * exceeds `max`: a typo is one or two keystrokes, and most candidates are far off.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** How far a guess may be from what was typed: one edit for short names, a quarter of the length for long ones. */
const tolerance = (s: string) => Math.max(1, Math.min(3, Math.floor(s.length / 4)));

/** The nearest of `candidates` to `typed` (case-insensitive), within the tolerance; ties go to the same first letter, then the first listed. */
export function nearest(typed: string, candidates: Iterable<string>): string | undefined {
  const t = typed.toLowerCase();
  const max = tolerance(t);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(t, c.toLowerCase(), max);
    if (d > max) continue;
    const score = d * 2 + (c.toLowerCase()[0] === t[0] ? 0 : 1);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

export type Suggestion =
  | { readonly kind: 'exists'; readonly action: string }
  | { readonly kind: 'action'; readonly action: string }
  | { readonly kind: 'service'; readonly service: string; readonly action?: string }
  | { readonly kind: 'none' };

/**
 * What to tell a person who typed `action`: it exists (perhaps in another case), the nearest action of
 * its service (`s3:GetObjet` -> `s3:GetObject`), or for an unknown service the nearest prefix (`s4:` ->
 * `s3`, with the action when that service has it). Patterns with wildcards are not guessed at.
 */
export function suggestAction(action: string): Suggestion {
  const hit = lookupAction(action);
  if (hit) return { kind: 'exists', action: hit.action };
  const colon = action.indexOf(':');
  if (colon < 0 || WILD.test(action)) return { kind: 'none' };
  const prefix = action.slice(0, colon);
  const name = action.slice(colon + 1);
  const service = getService(prefix);
  if (service) {
    const guess = nearest(
      name,
      service.actions.map((a) => a.name),
    );
    return guess ? { kind: 'action', action: `${service.prefix}:${guess}` } : { kind: 'none' };
  }
  const other = nearest(prefix, servicePrefixes());
  if (!other) return { kind: 'none' };
  const inOther = lookupAction(`${other}:${name}`);
  return inOther ? { kind: 'service', service: other, action: inOther.action } : { kind: 'service', service: other };
}

/** The nearest service prefix to one the catalogue does not have. */
export const suggestService = (prefix: string): string | undefined =>
  getService(prefix) ? prefix.toLowerCase() : nearest(prefix, servicePrefixes());
