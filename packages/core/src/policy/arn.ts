// ARNs and segment-aware ARN patterns. `arn:partition:service:region:account:resource` has six parts;
// a pattern's first five are matched part by part (a `*` in the region cannot eat into the account),
// while the resource part is everything after the fifth colon, so a `*` there spans `/` and `:` as in AWS.

import { compileGlobParts, matchGlob, type Glob, type GlobPart } from './glob';

/** Positions of the first five colons of an ARN, or null when the text is not an ARN. */
export function arnColons(s: string): readonly number[] | null {
  if (!s.startsWith('arn:')) return null;
  const colons = [3];
  let from = 4;
  for (let n = 1; n < 5; n++) {
    const at = s.indexOf(':', from);
    if (at === -1) return null;
    colons.push(at);
    from = at + 1;
  }
  return colons;
}

export interface ArnFields {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits text at an ARN's first five colons; parts may be empty (patterns and validation decide). */
export function splitArn(s: string): ArnFields | null {
  const c = arnColons(s);
  if (c === null) return null;
  const [, c1 = 0, c2 = 0, c3 = 0, c4 = 0] = c;
  return {
    partition: s.slice(4, c1),
    service: s.slice(c1 + 1, c2),
    region: s.slice(c2 + 1, c3),
    account: s.slice(c3 + 1, c4),
    resource: s.slice(c4 + 1),
  };
}

/** Syntactic check used by validation warnings: six parts with a partition, service and resource. */
export function isWellFormedArn(s: string): boolean {
  const a = splitArn(s);
  return a !== null && a.partition.length > 0 && a.service.length > 0 && a.resource.length > 0;
}

export type ArnPattern =
  | { readonly kind: 'all' }
  | { readonly kind: 'exact'; readonly text: string }
  /** first five parts literal: a prefix test, then a glob over the resource part */
  | { readonly kind: 'prefix'; readonly prefix: string; readonly rest: Glob }
  | { readonly kind: 'segments'; readonly parts: readonly Glob[]; readonly rest: Glob }
  /** not shaped like an ARN: matched as one glob over the whole string */
  | { readonly kind: 'plain'; readonly glob: Glob };

/** Compiles pattern parts (wild policy text and literal substitutions) into an ARN pattern. */
export function compileArnPattern(parts: readonly GlobPart[]): ArnPattern {
  const whole = compileGlobParts(parts);
  if (whole.matchesAll) return { kind: 'all' };
  if (whole.exact !== null) return { kind: 'exact', text: whole.exact };
  const segments = splitParts(parts);
  const first = segments[0];
  if (segments.length < 6 || first === undefined || first.length !== 1 || first[0]?.text !== 'arn') {
    return { kind: 'plain', glob: whole };
  }
  const globs = segments.slice(0, 5).map(compileGlobParts);
  const rest = compileGlobParts(segments[5] ?? []);
  if (globs.every((g) => g.exact !== null)) {
    return { kind: 'prefix', prefix: globs.map((g) => g.exact).join(':') + ':', rest };
  }
  return { kind: 'segments', parts: globs, rest };
}

/** Splits parts at the first five colons (of any part), keeping each character's wildcard meaning. */
function splitParts(parts: readonly GlobPart[]): GlobPart[][] {
  const out: GlobPart[][] = [[]];
  for (const p of parts) {
    let text = p.text;
    let at = out.length < 6 ? text.indexOf(':') : -1;
    while (at !== -1) {
      if (at > 0) out[out.length - 1]?.push({ text: text.slice(0, at), wild: p.wild });
      out.push([]);
      text = text.slice(at + 1);
      at = out.length < 6 ? text.indexOf(':') : -1;
    }
    if (text.length > 0) out[out.length - 1]?.push({ text, wild: p.wild });
  }
  return out;
}

/** Matches `s`; `colons` is `arnColons(s)`, passed in so a request computes it once. */
export function matchArnPattern(p: ArnPattern, s: string, colons: readonly number[] | null): boolean {
  switch (p.kind) {
    case 'all':
      return true;
    case 'exact':
      return s === p.text;
    case 'prefix':
      return s.startsWith(p.prefix) && matchGlob(p.rest, s, p.prefix.length, s.length);
    case 'plain':
      return matchGlob(p.glob, s);
    case 'segments': {
      if (colons === null) return false;
      let from = 0;
      for (let i = 0; i < 5; i++) {
        const to = colons[i] ?? 0;
        const g = p.parts[i];
        if (g === undefined || !matchGlob(g, s, from, to)) return false;
        from = to + 1;
      }
      return matchGlob(p.rest, s, from, s.length);
    }
  }
}
