// The rules IAM enforces when it stores a document, beyond the policy grammar: Resource and NotResource
// must be `*` or ARN-shaped (partition, a literal service, no region where the service has none, IAM's
// resource types), a trust policy may only name the STS actions that assume a role, and a managed
// policy must be written in Version 2012-10-17. The engine itself stays lenient (an app's own resource
// names need not be ARNs), so these apply only when a caller asks for them (ParseOptions.iam). Each
// diagnostic carries IAM's own message (`awsMessage`), which scripts written against AWS match on.

import { Diagnostics, show } from './diagnostics';
import { compileGlob, matchGlob } from './glob';

/** The partition this service's ARNs live in; AWS refuses resources of another partition. */
export const PARTITION = 'aws';

/**
 * AWS's other partitions, which IAM here refuses as AWS's commercial partition does. Any other partition
 * is an app's own namespace (`arn:myapp:reports:::report/1`, see the README's middleware example): apps
 * store policies for their resources through this IAM API, so those are accepted.
 */
const OTHER_AWS_PARTITIONS = ['aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/**
 * IAM's resource types, in the order AWS's message lists them (`root` and `*` are allowed too). Two newer
 * types AWS documents (the trusted-identity-propagation context provider, delegation requests) are accepted
 * though the message, as AWS words it, does not name them.
 */
const IAM_RESOURCE_TYPES = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
];
// `oauth-client/` is this service's own: the apps registered for OpenID Connect (the /oauth-clients routes).
const OTHER_IAM_RESOURCE_TYPES = ['contextProvider/', 'delegation-request/', 'oauth-client/'];

/** S3 resources that do carry a region (access points, batch jobs, Storage Lens, Access Grants). */
const REGIONAL_S3_TYPES = ['accesspoint/', 'job/', 'storage-lens/', 'storage-lens-group/', 'access-grants/', 'async-request/'];

/** The actions a trust policy may name: assuming the role, and what a session may carry along. */
export const TRUST_POLICY_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
];
const TRUST_ACTIONS_MESSAGE =
  'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity';

export const MANAGED_VERSION_MESSAGE = 'Policy document must be version 2012-10-17 or greater.';

const hasWildcard = (s: string) => s.includes('*') || s.includes('?');

/** IAM's message for a Resource/NotResource value it refuses, or undefined when IAM accepts it. */
export function resourceProblem(resource: string): string | undefined {
  if (resource === '*') return undefined;
  const parts = resource.split(':');
  if (parts.length === 1) return `Resource ${resource} must be in ARN format or "*".`;
  const partition = parts[1] ?? '';
  if (partition === '' || hasWildcard(partition) ? partition !== '*' : OTHER_AWS_PARTITIONS.includes(partition)) {
    // AWS shows the resource as it read it, each missing part as `*`.
    const [service = '', region, account, ...rest] = parts.slice(2);
    const shown = [
      service !== '' || parts.length > 3 ? service : '*',
      region ?? '*',
      account ?? '*',
      rest.length > 0 ? rest.join(':') : '*',
    ];
    return `Partition "${partition}" is not valid for resource "arn:${partition}:${shown.join(':')}".`;
  }
  const service = parts[2];
  if (service === undefined || hasWildcard(service)) return 'Resource vendor must be fully qualified and cannot contain regexes.';
  // IAM's older parser refuses an empty service, and `::` in a value with fewer than six parts.
  if (service === '' || (parts.length < 6 && resource.includes('::'))) return 'The policy failed legacy parsing';
  const region = parts[3] ?? '';
  const resourcePart = parts.slice(5).join(':');
  if (partition !== PARTITION && partition !== '*') return undefined; // an app's own resources: its rules, not AWS's
  if (service === 'iam') {
    if (region !== '') return `IAM resource ${resource} cannot contain region information.`;
    if (parts.length >= 6 && !isIamResourceType(resourcePart)) {
      return `IAM resource path must either be "*", root, or start with ${IAM_RESOURCE_TYPES.join(', ')}.`;
    }
  }
  if (service === 's3' && region !== '' && !hasWildcard(resourcePart.split('/')[0] ?? '')) {
    if (!REGIONAL_S3_TYPES.some((t) => resourcePart.startsWith(t))) return `Resource ${resource} can not contain region information.`;
  }
  return undefined;
}

function isIamResourceType(resource: string): boolean {
  if (resource === '*' || resource === 'root') return true;
  if ([...IAM_RESOURCE_TYPES, ...OTHER_IAM_RESOURCE_TYPES].some((t) => resource.startsWith(t))) return true;
  // A wildcard in the type itself (`*`, `u*`, `*/admin`) may stand for any of them.
  return hasWildcard(resource.split('/')[0] ?? '');
}

const trustGlobs = TRUST_POLICY_ACTIONS.map((a) => a.toLowerCase());

/** Whether a trust policy may name `action`: one of the allowed ones, or a wildcard matching one of them. */
export function isTrustPolicyAction(action: string): boolean {
  const lower = action.toLowerCase();
  if (!hasWildcard(lower)) return trustGlobs.includes(lower);
  const glob = compileGlob(lower);
  return trustGlobs.some((a) => matchGlob(glob, a));
}

/** Reports each Resource/NotResource value IAM would refuse; `at(i)` is the JSON path of value i. */
export function checkIamResources(values: readonly string[], name: string, at: (i: number) => string, d: Diagnostics): void {
  values.forEach((v, i) => {
    const awsMessage = resourceProblem(v);
    if (awsMessage === undefined) return;
    d.error(
      at(i),
      'invalid-resource-arn',
      `\`${show(v)}\` is not \`*\` or an ARN IAM accepts in \`${name}\` (\`arn:aws:service:region:account:resource\`)`,
      awsMessage,
    );
  });
}

/** Reports each action a trust policy may not name. */
export function checkTrustActions(values: readonly string[], name: string, at: (i: number) => string, d: Diagnostics): void {
  if (name === 'NotAction') {
    d.error(
      at(0).replace(/\[0\]$/, ''),
      'trust-notaction',
      'trust policies name the actions they allow with `Action`',
      TRUST_ACTIONS_MESSAGE,
    );
    return;
  }
  values.forEach((v, i) => {
    if (isTrustPolicyAction(v)) return;
    d.error(
      at(i),
      'invalid-trust-action',
      `\`${show(v)}\` cannot be allowed by a trust policy; use ${TRUST_POLICY_ACTIONS.map((a) => `\`${a}\``).join(', ')}`,
      TRUST_ACTIONS_MESSAGE,
    );
  });
}
