// Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, `${key, 'default'}` and the escapes
// `${*}`, `${?}`, `${$}` for a literal `*`, `?` or `$`. They are honoured only in 2012-10-17 documents and
// only in Resource/NotResource and condition values; everywhere else the text is matched literally.
// Templates are parsed once at compile time; evaluation only looks values up.

import type { GlobPart } from './glob';
import type { Effect } from './types';

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'var'; readonly name: string; readonly key: string; readonly fallback?: string };

export interface VariableSyntaxProblem {
  readonly message: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

/** Splits text into literal text and variable references. Malformed `${` sequences stay text. */
export function parseTemplate(raw: string, problems?: VariableSyntaxProblem[]): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < raw.length) {
    const open = raw.indexOf('${', i);
    if (open === -1) {
      text += raw.slice(i);
      break;
    }
    const close = raw.indexOf('}', open + 2);
    if (close === -1) {
      problems?.push({ message: `unterminated policy variable in \`${raw}\`` });
      text += raw.slice(i);
      break;
    }
    text += raw.slice(i, open);
    const inner = raw.slice(open + 2, close);
    const parsed = parseVariable(inner);
    if (parsed === null) {
      problems?.push({ message: `malformed policy variable \`\${${inner}}\`` });
      text += raw.slice(open, close + 1);
    } else {
      if (text.length > 0) parts.push({ kind: 'text', text });
      text = '';
      parts.push(parsed);
    }
    i = close + 1;
  }
  if (text.length > 0 || parts.length === 0) parts.push({ kind: 'text', text });
  return parts;
}

function parseVariable(inner: string): TemplatePart | null {
  const escaped = ESCAPES[inner];
  if (escaped !== undefined) return { kind: 'literal', text: escaped };
  const comma = inner.indexOf(',');
  const name = (comma === -1 ? inner : inner.slice(0, comma)).trim();
  if (name.length === 0 || /\s/.test(name)) return null;
  if (comma === -1) return { kind: 'var', name, key: name.toLowerCase() };
  const rest = inner.slice(comma + 1).trim();
  if (rest.length < 2 || !rest.startsWith("'") || !rest.endsWith("'")) return null;
  return { kind: 'var', name, key: name.toLowerCase(), fallback: rest.slice(1, -1) };
}

/**
 * What a value whose variable has no value (and no default) does where a match is negated
 * (`NotResource`, `StringNotEquals`, `ArnNotLike` ...). AWS documents that such a value matches
 * nothing, so the negated element holds. In a Deny we do exactly that: the Deny keeps denying. In an
 * Allow the same rule would grant more than the author named (`NotResource` of a protected resource
 * would then allow it too), so there the element fails and the Allow does not apply.
 * INVARIANT: a variable without a value never makes a decision more permissive.
 */
export type UnresolvedRule = 'matches-nothing' | 'element-fails';

export function unresolvedRule(effect: Effect): UnresolvedRule {
  return effect === 'Deny' ? 'matches-nothing' : 'element-fails';
}

/** True when the template has a variable that must be looked up at evaluation time. */
export function isDynamic(parts: readonly TemplatePart[]): boolean {
  return parts.some((p) => p.kind === 'var');
}

/** Looks up single-valued context keys by lowercased name. */
export interface VariableSource {
  variable(key: string): string | undefined;
}

/**
 * Resolves a template into glob parts: policy text keeps its wildcards, substituted values and escapes
 * match literally. Returns undefined when a variable has neither a value nor a default.
 */
export function resolveTemplate(parts: readonly TemplatePart[], source: VariableSource, lowerCase: boolean): GlobPart[] | undefined {
  const out: GlobPart[] = [];
  for (const p of parts) {
    if (p.kind === 'text') out.push({ text: lowerCase ? p.text.toLowerCase() : p.text, wild: true });
    else if (p.kind === 'literal') out.push({ text: p.text, wild: false });
    else {
      const value = source.variable(p.key) ?? p.fallback;
      if (value === undefined) return undefined;
      out.push({ text: lowerCase ? value.toLowerCase() : value, wild: false });
    }
  }
  return out;
}

/** Parts that are all static, as glob parts (escapes literal, text wild). */
export function staticParts(parts: readonly TemplatePart[], lowerCase: boolean): GlobPart[] {
  return parts.map((p) => {
    if (p.kind === 'text') return { text: lowerCase ? p.text.toLowerCase() : p.text, wild: true };
    return { text: p.kind === 'literal' ? p.text : `\${${p.name}}`, wild: false };
  });
}
