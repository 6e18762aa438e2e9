// A compiled set of policies of one type (all identity policies of a principal, its boundary, its
// session policies, or one resource policy), indexed by action so a request only looks at statements
// that can apply to it. Statements are bucketed by service prefix and exact action, with a bucket for
// patterns that can match any service (`*`, `*:Get*`, NotAction). The statements whose Action element
// matches a given action are remembered per action, so a warm lookup is one Map read.

import { actionMatches, type ActionMatcher } from './matchers';
import type { CompiledPolicy, CompiledStatement } from './compile';
import type { PolicyType } from './types';

interface ServiceBucket {
  readonly wild: CompiledStatement[];
  readonly exact: Map<string, CompiledStatement[]>;
}

/** Bound on remembered actions per set; the memo is cleared when full (pure, no clock). */
const MEMO_LIMIT = 4096;

export class CompiledPolicySet {
  readonly statementCount: number;
  private readonly ordinal = new Map<CompiledStatement, number>();
  private readonly anyService: CompiledStatement[] = [];
  private readonly services = new Map<string, ServiceBucket>();
  private readonly memo = new Map<string, readonly CompiledStatement[]>();

  constructor(
    readonly type: PolicyType,
    readonly policies: readonly CompiledPolicy[],
  ) {
    let n = 0;
    for (const policy of policies) {
      for (const s of policy.statements) {
        this.ordinal.set(s, n++);
        this.index(s);
      }
    }
    this.statementCount = n;
  }

  /** Statements whose Action/NotAction matches `action` (lowercased), in policy order. */
  candidates(action: string): readonly CompiledStatement[] {
    let hit = this.memo.get(action);
    if (hit === undefined) {
      hit = this.collect(action);
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(action, hit);
    }
    return hit;
  }

  private collect(action: string): readonly CompiledStatement[] {
    const colon = action.indexOf(':');
    const bucket = colon === -1 ? undefined : this.services.get(action.slice(0, colon));
    const seen = new Set<CompiledStatement>();
    const out: CompiledStatement[] = [];
    const consider = (list: readonly CompiledStatement[] | undefined): void => {
      if (list === undefined) return;
      for (const s of list) {
        if (seen.has(s)) continue;
        seen.add(s);
        if (actionMatches(s.actions, action)) out.push(s);
      }
    };
    consider(this.anyService);
    consider(bucket?.wild);
    consider(bucket?.exact.get(action));
    return out.sort((a, b) => (this.ordinal.get(a) ?? 0) - (this.ordinal.get(b) ?? 0));
  }

  private index(s: CompiledStatement): void {
    const keys = indexKeys(s.actions);
    if (keys === 'any') {
      this.anyService.push(s);
      return;
    }
    for (const { service, action } of keys) {
      let bucket = this.services.get(service);
      if (bucket === undefined) {
        bucket = { wild: [], exact: new Map() };
        this.services.set(service, bucket);
      }
      if (action === undefined) {
        if (!bucket.wild.includes(s)) bucket.wild.push(s);
      } else {
        const list = bucket.exact.get(action);
        if (list === undefined) bucket.exact.set(action, [s]);
        else if (!list.includes(s)) list.push(s);
      }
    }
  }
}

function indexKeys(m: ActionMatcher): 'any' | { service: string; action?: string }[] {
  if (m.negated || m.all) return 'any';
  const keys: { service: string; action?: string }[] = [];
  for (const p of m.patterns) {
    const colon = p.indexOf(':');
    const service = colon === -1 ? p : p.slice(0, colon);
    if (colon === -1 || service.includes('*') || service.includes('?')) return 'any';
    keys.push(m.exact.has(p) ? { service, action: p } : { service });
  }
  return keys;
}

/** Builds an indexed set from compiled policies of one type. */
export function compilePolicySet(type: PolicyType, policies: readonly CompiledPolicy[]): CompiledPolicySet {
  return new CompiledPolicySet(type, policies);
}
