// Building and parsing ARNs: arn:partition:service:region:account-id:resource. IAM ARNs have no
// region; their resource part is `<type>/<path-without-leading-slash><name>`, e.g.
// arn:aws:iam::123456789012:user/division/tom for path /division/.

import { splitArn, type ArnFields } from './policy/arn';

export type Arn = ArnFields;

export const PARTITION = 'aws';

/** Parses an ARN; returns null for anything that is not one (never throws). */
export function parseArn(value: string): Arn | null {
  if (typeof value !== 'string') return null;
  // One splitter for the whole service: the engine's (policy/arn.ts), plus the parts an ARN must have.
  const arn = splitArn(value);
  return arn && arn.partition && arn.service && arn.resource ? arn : null;
}

export const formatArn = (a: Arn) => `arn:${a.partition}:${a.service}:${a.region}:${a.account}:${a.resource}`;

export type IamResourceType = 'user' | 'group' | 'role' | 'policy' | 'mfa' | 'instance-profile' | 'server-certificate';

/** arn:aws:iam::<account>:<type><path><name>; `path` starts and ends with `/`. */
export function iamArn(account: string, type: IamResourceType, name: string, path = '/'): string {
  return `arn:${PARTITION}:iam::${account}:${type}${path}${name}`;
}

export const rootArn = (account: string) => `arn:${PARTITION}:iam::${account}:root`;

export const assumedRoleArn = (account: string, roleName: string, sessionName: string) =>
  `arn:${PARTITION}:sts::${account}:assumed-role/${roleName}/${sessionName}`;

/** A GetFederationToken session's principal: arn:aws:sts::<account>:federated-user/<name>. */
export const federatedUserArn = (account: string, name: string) => `arn:${PARTITION}:sts::${account}:federated-user/${name}`;

/** Splits an IAM resource ARN into its type, path and name; null when it is not one. */
export function parseIamArn(value: string): { account: string; type: string; path: string; name: string } | null {
  const arn = parseArn(value);
  if (!arn || arn.service !== 'iam') return null;
  const slash = arn.resource.indexOf('/');
  if (slash < 0) return { account: arn.account, type: arn.resource, path: '/', name: '' };
  const type = arn.resource.slice(0, slash);
  const rest = arn.resource.slice(slash);
  const last = rest.lastIndexOf('/');
  return { account: arn.account, type, path: rest.slice(0, last + 1), name: rest.slice(last + 1) };
}
