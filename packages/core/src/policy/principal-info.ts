// What the engine knows about the caller, derived once per request from the request's principal:
// its type, account, and for role sessions the role it came from. Principal matching and the derived
// `aws:Principal*` context keys both read from here.

import { splitArn } from './arn';
import type { PrincipalType, RequestPrincipal } from './types';

export interface PrincipalInfo {
  readonly arn: string;
  readonly type: PrincipalType;
  readonly account: string;
  /** for AssumedRole: the role name and its session name */
  readonly roleName?: string;
  readonly sessionName?: string;
  /** for User: the user name (last path element) */
  readonly userName?: string;
  /** the unique id of the user, or of the role a session belongs to, when the request says */
  readonly id?: string;
}

export function describePrincipal(p: RequestPrincipal): PrincipalInfo {
  const arn = p.arn;
  const fields = splitArn(arn);
  const type = p.type ?? inferType(arn, fields?.resource);
  const account = p.account ?? fields?.account ?? '';
  const resource = fields?.resource ?? '';
  const base = p.id !== undefined ? { arn, type, account, id: p.id } : { arn, type, account };
  if (type === 'AssumedRole' && resource.startsWith('assumed-role/')) {
    const [, roleName, ...session] = resource.split('/');
    return { ...base, roleName: roleName ?? '', sessionName: session.join('/') };
  }
  if (type === 'User' && resource.startsWith('user/')) {
    return { ...base, userName: resource.slice(resource.lastIndexOf('/') + 1) };
  }
  return base;
}

function inferType(arn: string, resource: string | undefined): PrincipalType {
  if (arn === '*' || arn === '' || arn === 'anonymous') return 'Anonymous';
  if (resource === undefined) return arn.endsWith('.amazonaws.com') ? 'Service' : 'CanonicalUser';
  if (resource === 'root') return 'Root';
  if (resource.startsWith('user/')) return 'User';
  if (resource.startsWith('assumed-role/')) return 'AssumedRole';
  if (resource.startsWith('federated-user/')) return 'FederatedUser';
  return 'Federated';
}

/** `aws:PrincipalType` values as AWS spells them. */
export function awsPrincipalType(t: PrincipalType): string {
  return t === 'Root' ? 'Account' : t;
}
