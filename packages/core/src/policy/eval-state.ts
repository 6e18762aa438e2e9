// Per-request evaluation state: the lowercased action, the resource's ARN layout, and the context
// normalised to lowercased keys with string values. Everything is computed lazily and at most once, so
// a request that touches no condition pays nothing for the context.

import { arnColons } from './arn';
import { awsPrincipalType, describePrincipal, type PrincipalInfo } from './principal-info';
import type { AuthorizationRequest, ContextValue, PrincipalType } from './types';
import type { VariableSource } from './variables';

const NOT_COMPUTED: readonly number[] = [];

export class EvalState implements VariableSource {
  readonly action: string;
  readonly resource: string;
  private who: PrincipalInfo | undefined;
  private colons: readonly number[] | null = NOT_COMPUTED;
  private context: Map<string, readonly string[]> | null = null;
  /** condition keys (as written) referenced but absent */
  missingKeys: string[] | null = null;

  constructor(readonly request: AuthorizationRequest) {
    this.action = request.action.toLowerCase();
    this.resource = request.resource;
  }

  /** The caller, described on first use: identity-only requests never parse the principal ARN. */
  get principal(): PrincipalInfo {
    return (this.who ??= describePrincipal(this.request.principal));
  }

  get principalType(): PrincipalType {
    return this.request.principal.type ?? this.principal.type;
  }

  get principalAccount(): string {
    return this.request.principal.account ?? this.principal.account;
  }

  resourceColons(): readonly number[] | null {
    if (this.colons === NOT_COMPUTED) this.colons = arnColons(this.resource);
    return this.colons;
  }

  /** Values of a context key (lowercased name); undefined when absent or empty. */
  values(key: string): readonly string[] | undefined {
    return (this.context ??= buildContext(this.request, this.principal)).get(key);
  }

  variable(key: string): string | undefined {
    const v = this.values(key);
    return v !== undefined && v.length === 1 ? v[0] : undefined;
  }

  noteMissing(key: string): void {
    (this.missingKeys ??= []).push(key);
  }
}

function buildContext(request: AuthorizationRequest, principal: PrincipalInfo): Map<string, readonly string[]> {
  const map = new Map<string, readonly string[]>();
  // Derived keys first so caller-provided values override them.
  if (principal.type !== 'Anonymous' && principal.type !== 'Service') {
    map.set('aws:principalarn', [principal.arn]);
    if (principal.account !== '') map.set('aws:principalaccount', [principal.account]);
  }
  map.set('aws:principaltype', [awsPrincipalType(principal.type)]);
  if (principal.userName !== undefined) map.set('aws:username', [principal.userName]);
  const ctx = request.context;
  if (ctx !== undefined) {
    for (const name of Object.keys(ctx)) {
      const values = normalise(ctx[name]);
      const key = name.toLowerCase();
      if (values === undefined) map.delete(key);
      else map.set(key, values);
    }
  }
  return map;
}

function normalise(v: ContextValue): readonly string[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const item of v as readonly unknown[]) if (isScalar(item)) out.push(String(item));
    return out.length === 0 ? undefined : out;
  }
  return isScalar(v) ? [String(v)] : undefined;
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}
