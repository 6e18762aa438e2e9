// Linear-time wildcard matching for `*` (any run of characters) and `?` (one character), the only
// wildcards IAM knows. A pattern is split at its stars into segments: the first must sit at the start,
// the last at the end, and the middle ones are found left to right, each at its earliest position.
// Greedy leftmost placement is always safe for `*`-globs, so there is no backtracking: a pattern like
// `a*a*a*a*a*b` against 100k characters costs one pass, never an exponential search.

/** A run of pattern text between stars. `any[i] === 1` marks a `?` at position i. */
interface Segment {
  readonly text: string;
  readonly any: Uint8Array | null;
}

export interface Glob {
  /** true when the pattern is exactly `*` (matches everything) */
  readonly matchesAll: boolean;
  /** the whole pattern when it has no wildcard at all (plain equality) */
  readonly exact: string | null;
  readonly hasStar: boolean;
  readonly minLength: number;
  readonly head: Segment | null;
  readonly middle: readonly Segment[];
  readonly tail: Segment | null;
}

/** Pattern text; `wild: false` parts (substituted policy variables, `${*}`) match literally. */
export interface GlobPart {
  readonly text: string;
  readonly wild: boolean;
}

const STAR = 42; // '*'
const QUESTION = 63; // '?'

export function compileGlob(pattern: string): Glob {
  return compileGlobParts([{ text: pattern, wild: true }]);
}

export function compileGlobParts(parts: readonly GlobPart[]): Glob {
  const segments: Segment[] = [];
  let text = '';
  let any: number[] | null = null;
  let leadingStar = false;
  let trailingStar = false;
  let hasStar = false;
  let hasQuestion = false;
  const flush = (): void => {
    segments.push({ text, any: any === null ? null : Uint8Array.from(any) });
    text = '';
    any = null;
  };
  for (const part of parts) {
    for (let i = 0; i < part.text.length; i++) {
      const c = part.text.charCodeAt(i);
      if (part.wild && c === STAR) {
        if (!hasStar && text.length === 0 && segments.length === 0) leadingStar = true;
        hasStar = true;
        if (text.length > 0) flush();
        trailingStar = true;
        continue;
      }
      trailingStar = false;
      if (part.wild && c === QUESTION) {
        hasQuestion = true;
        if (any === null) any = new Array<number>(text.length).fill(0);
        any.push(1);
        text += '?';
        continue;
      }
      if (any !== null) any.push(0);
      text += part.text[i];
    }
  }
  if (text.length > 0 || (!hasStar && segments.length === 0)) flush();
  const minLength = segments.reduce((n, s) => n + s.text.length, 0);
  const matchesAll = hasStar && minLength === 0;
  if (!hasStar) {
    const only = segments[0] ?? { text: '', any: null };
    return { matchesAll, exact: hasQuestion ? null : only.text, hasStar, minLength, head: only, middle: [], tail: null };
  }
  const head = leadingStar ? null : (segments.shift() ?? null);
  const tail = trailingStar ? null : (segments.pop() ?? null);
  return { matchesAll, exact: null, hasStar, minLength, head, middle: segments, tail };
}

function segmentAt(seg: Segment, s: string, pos: number): boolean {
  const any = seg.any;
  if (any === null) return s.startsWith(seg.text, pos);
  const t = seg.text;
  for (let i = 0; i < t.length; i++) {
    if (any[i] === 0 && s.charCodeAt(pos + i) !== t.charCodeAt(i)) return false;
  }
  return true;
}

/** Earliest start of `seg` in `s` within [from, last], or -1. */
function findSegment(seg: Segment, s: string, from: number, last: number): number {
  if (seg.any === null) {
    const at = s.indexOf(seg.text, from);
    return at !== -1 && at <= last ? at : -1;
  }
  for (let p = from; p <= last; p++) if (segmentAt(seg, s, p)) return p;
  return -1;
}

/** Does `s.slice(from, to)` match the glob? Ranges avoid substring allocation for ARN segments. */
export function matchGlob(g: Glob, s: string, from = 0, to = s.length): boolean {
  if (g.matchesAll) return true;
  const len = to - from;
  if (g.exact !== null) return len === g.exact.length && s.startsWith(g.exact, from);
  if (len < g.minLength) return false;
  if (!g.hasStar) return len === g.minLength && g.head !== null && segmentAt(g.head, s, from);
  let start = from;
  let end = to;
  if (g.head !== null) {
    if (!segmentAt(g.head, s, start)) return false;
    start += g.head.text.length;
  }
  if (g.tail !== null) {
    end -= g.tail.text.length;
    if (!segmentAt(g.tail, s, end)) return false;
  }
  for (const seg of g.middle) {
    const at = findSegment(seg, s, start, end - seg.text.length);
    if (at < 0) return false;
    start = at + seg.text.length;
  }
  return true;
}

/** True when the text contains `*` or `?`. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
