// Principal and NotPrincipal matching for resource-based and trust policies.
//
// An account (`123456789012` or `arn:aws:iam::123456789012:root`) names the account, meaning any of its
// principals, but only as far as their own identity policies allow: the match kind is 'account'.
// A role ARN matches sessions of that role ('role'); a user ARN, session ARN, `*`, service,
// federated provider or canonical user matches the caller itself ('direct'). The authorizer uses the
// kind to decide whether identity policies, boundaries and session policies still apply.
//
// A unique id (`AIDA...` for a user, `AROA...` for a role) is how IAM stores a user or role ARN when it
// saves a policy: it matches only the principal whose id it is (passed as RequestPrincipal.id), like the
// ARN it replaced ('direct' for the user, 'role' for the role's sessions), and so never a principal
// created later under the same name.

import { splitArn } from './arn';
import type { PrincipalInfo } from './principal-info';
import type { PrincipalSpec } from './types';

export type PrincipalMatch = 'none' | 'direct' | 'role' | 'account';

export interface CompiledPrincipal {
  readonly any: boolean;
  readonly accounts: ReadonlySet<string>;
  readonly arns: ReadonlySet<string>;
  /** `account/roleName`, path dropped: session ARNs do not carry the role's path */
  readonly roles: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
  readonly federated: ReadonlySet<string>;
  readonly canonical: ReadonlySet<string>;
  /** unique ids of users and roles (`AIDA...`, `AROA...`) */
  readonly ids: ReadonlySet<string>;
}

const ACCOUNT = /^\d{12}$/;

/** An IAM user's or role's unique id, the form a saved policy keeps a user or role ARN in. */
export const UNIQUE_PRINCIPAL_ID = /^A(?:IDA|ROA)[A-Z0-9]{17}$/;

/** Classifies one `AWS` principal value; an error message when it is not one AWS accepts. */
export function classifyAwsPrincipal(value: string): { kind: 'any' | 'account' | 'arn' | 'role' | 'id'; key: string } | { error: string } {
  if (value === '*') return { kind: 'any', key: '*' };
  if (ACCOUNT.test(value)) return { kind: 'account', key: value };
  if (UNIQUE_PRINCIPAL_ID.test(value)) return { kind: 'id', key: value };
  const arn = splitArn(value);
  if (arn === null) return { error: `\`${value}\` is not an account id, an ARN or \`*\`` };
  if (value.includes('*') || value.includes('?')) {
    return { error: `\`${value}\` uses a wildcard; principals can only be \`*\` or a full ARN` };
  }
  if (arn.service === 'iam' && arn.resource === 'root') return { kind: 'account', key: arn.account };
  if (arn.service === 'iam' && arn.resource.startsWith('role/')) {
    return { kind: 'role', key: `${arn.account}/${arn.resource.slice(arn.resource.lastIndexOf('/') + 1)}` };
  }
  return { kind: 'arn', key: value };
}

/** Compiles a principal element; unknown principal types and bad values are reported in `errors`. */
export function compilePrincipal(spec: PrincipalSpec, errors: string[]): CompiledPrincipal {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const roles = new Set<string>();
  const services = new Set<string>();
  const federated = new Set<string>();
  const canonical = new Set<string>();
  const ids = new Set<string>();
  let any = spec === '*';
  if (spec !== '*') {
    for (const type of Object.keys(spec)) {
      const values = spec[type] ?? [];
      for (const v of values) {
        if (type === 'AWS') {
          const c = classifyAwsPrincipal(v);
          if ('error' in c) errors.push(c.error);
          else if (c.kind === 'any') any = true;
          else if (c.kind === 'account') accounts.add(c.key);
          else if (c.kind === 'role') roles.add(c.key);
          else if (c.kind === 'id') ids.add(c.key);
          else arns.add(c.key);
        } else if (type === 'Service') services.add(v.toLowerCase());
        else if (type === 'Federated') federated.add(v);
        else if (type === 'CanonicalUser') canonical.add(v);
        else errors.push(`unknown principal type \`${type}\``);
      }
    }
  }
  return { any, accounts, arns, roles, services, federated, canonical, ids };
}

export function matchPrincipal(p: CompiledPrincipal, who: PrincipalInfo): PrincipalMatch {
  if (p.any) return 'direct';
  switch (who.type) {
    case 'Service':
      return p.services.has(who.arn.toLowerCase()) ? 'direct' : 'none';
    case 'Federated':
      return p.federated.has(who.arn) ? 'direct' : 'none';
    case 'CanonicalUser':
      return p.canonical.has(who.arn) ? 'direct' : 'none';
    case 'Anonymous':
      return 'none';
    case 'Root':
      return p.accounts.has(who.account) || p.arns.has(who.arn) ? 'direct' : 'none';
    default:
      if (p.arns.has(who.arn)) return 'direct';
      if (who.id !== undefined && p.ids.has(who.id)) return who.type === 'AssumedRole' ? 'role' : 'direct';
      if (who.roleName !== undefined && p.roles.has(`${who.account}/${who.roleName}`)) return 'role';
      return p.accounts.has(who.account) ? 'account' : 'none';
  }
}

/**
 * NotPrincipal excludes a caller only when every identity it acts as is listed: a user needs its
 * account and user ARN, a role session its account, role ARN and session ARN. This is why AWS tells
 * you to list all of them, and it fails closed when one is forgotten. A stored unique id stands in for
 * the user or role ARN it replaced.
 */
export function excludedByNotPrincipal(p: CompiledPrincipal, who: PrincipalInfo): boolean {
  if (p.any) return true;
  switch (who.type) {
    case 'Service':
      return p.services.has(who.arn.toLowerCase());
    case 'Federated':
      return p.federated.has(who.arn);
    case 'CanonicalUser':
      return p.canonical.has(who.arn);
    case 'Anonymous':
      return false;
    case 'Root':
      return p.accounts.has(who.account);
    case 'AssumedRole':
      return p.accounts.has(who.account) && (listsRole(p, who) || hasId(p, who)) && p.arns.has(who.arn);
    default:
      return p.accounts.has(who.account) && (p.arns.has(who.arn) || hasId(p, who));
  }
}

const listsRole = (p: CompiledPrincipal, who: PrincipalInfo) => who.roleName !== undefined && p.roles.has(`${who.account}/${who.roleName}`);
const hasId = (p: CompiledPrincipal, who: PrincipalInfo) => who.id !== undefined && p.ids.has(who.id);
