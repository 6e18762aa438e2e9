// The condition keys a set of policies refers to, in conditions and in policy variables: what
// GetContextKeysForCustomPolicy / GetContextKeysForPrincipalPolicy return, and what a caller must put
// in the request context for the policies to be fully evaluated.

import type { CompiledPolicy } from './compile';

/** Keys as first written, de-duplicated case-insensitively, sorted. */
export function getContextKeys(policies: readonly CompiledPolicy[]): string[] {
  const keys = new Map<string, string>();
  const add = (k: string): void => {
    const lower = k.toLowerCase();
    if (!keys.has(lower)) keys.set(lower, k);
  };
  for (const policy of policies) {
    for (const s of policy.statements) {
      for (const c of s.conditions) {
        add(c.key);
        for (const t of c.templates) for (const p of t) if (p.kind === 'var') add(p.name);
      }
      for (const t of s.resources?.templates ?? []) for (const p of t) if (p.kind === 'var') add(p.name);
    }
  }
  return [...keys.values()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}
