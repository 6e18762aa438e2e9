// Prebuilt matchers for the Action and Resource elements. Actions are lowercased once at compile time
// (IAM matches them case-insensitively); resources keep their case. Patterns without variables are
// compiled completely here; patterns with variables keep their parsed template and are resolved per
// request, which is the only place a matcher is built during evaluation.

import { compileArnPattern, matchArnPattern, type ArnPattern } from './arn';
import type { EvalState } from './eval-state';
import { compileGlob, hasWildcard, matchGlob, type Glob } from './glob';
import type { Effect } from './types';
import {
  isDynamic,
  parseTemplate,
  resolveTemplate,
  staticParts,
  unresolvedRule,
  type TemplatePart,
  type UnresolvedRule,
} from './variables';

export interface ActionMatcher {
  readonly negated: boolean;
  readonly all: boolean;
  readonly exact: ReadonlySet<string>;
  readonly globs: readonly Glob[];
  /** lowercased patterns as written, for the action index */
  readonly patterns: readonly string[];
}

export const MATCH_ALL_ACTIONS: ActionMatcher = { negated: false, all: true, exact: new Set(), globs: [], patterns: ['*'] };

export function compileActions(patterns: readonly string[], negated: boolean): ActionMatcher {
  const lower = patterns.map((p) => p.toLowerCase());
  const exact = new Set<string>();
  const globs: Glob[] = [];
  let all = false;
  for (const p of lower) {
    if (p === '*') all = true;
    else if (hasWildcard(p)) globs.push(compileGlob(p));
    else exact.add(p);
  }
  return { negated, all, exact, globs, patterns: lower };
}

/** Does the element match the (lowercased) action, taking NotAction into account? */
export function actionMatches(m: ActionMatcher, action: string): boolean {
  let hit = m.all || m.exact.has(action);
  if (!hit) {
    for (const g of m.globs) {
      if (matchGlob(g, action)) {
        hit = true;
        break;
      }
    }
  }
  return hit !== m.negated;
}

export interface ResourceMatcher {
  readonly negated: boolean;
  readonly all: boolean;
  readonly exact: ReadonlySet<string>;
  readonly patterns: readonly ArnPattern[];
  readonly templates: readonly (readonly TemplatePart[])[];
  /** what a template whose variable has no value does in `NotResource` (the statement's effect decides) */
  readonly unresolved: UnresolvedRule;
}

export function compileResources(values: readonly string[], negated: boolean, variables: boolean, effect: Effect): ResourceMatcher {
  const exact = new Set<string>();
  const patterns: ArnPattern[] = [];
  const templates: TemplatePart[][] = [];
  let all = false;
  for (const v of values) {
    const parts: TemplatePart[] = variables ? parseTemplate(v) : [{ kind: 'text', text: v }];
    if (isDynamic(parts)) {
      templates.push(parts);
      continue;
    }
    const p = compileArnPattern(staticParts(parts, false));
    if (p.kind === 'all') all = true;
    else if (p.kind === 'exact') exact.add(p.text);
    else patterns.push(p);
  }
  return { negated, all, exact, patterns, templates, unresolved: unresolvedRule(effect) };
}

/**
 * Does the element match the request's resource? A value whose variable has no value matches no
 * resource, as AWS documents. In `Resource` that is all; in `NotResource` it means the value excludes
 * nothing, so a Deny still applies, while an Allow does not apply at all (see UnresolvedRule).
 */
export function resourceMatches(m: ResourceMatcher, state: EvalState): boolean {
  const resource = state.resource;
  let hit = m.all || m.exact.has(resource);
  if (!hit && m.patterns.length > 0) {
    const colons = state.resourceColons();
    for (const p of m.patterns) {
      if (matchArnPattern(p, resource, colons)) {
        hit = true;
        break;
      }
    }
  }
  if (!hit && m.templates.length > 0) {
    for (const t of m.templates) {
      const parts = resolveTemplate(t, state, false);
      if (parts === undefined) {
        if (m.negated && m.unresolved === 'element-fails') return false;
        continue;
      }
      if (matchArnPattern(compileArnPattern(parts), resource, state.resourceColons())) {
        hit = true;
        break;
      }
    }
  }
  return hit !== m.negated;
}
