// The create-role wizard's state: every answer so far, carried from step to step in one hidden form
// field (the console keeps no server-side state). It comes back from the browser, so it is untrusted:
// read defensively here, and every answer is checked again before CreateRole (create.ts).
import { text, list, checked, type Form } from '../../../render';
import type { FieldErrors } from '../../../ui/components';
import {
  MAX_ATTACHED,
  MAX_TAGS,
  descriptionProblem,
  pathProblem,
  readSessionDuration,
  roleNameProblem,
  tagRowErrors,
  type Tag,
} from '../shared';
import { ACCOUNT_ID, COMMON_SERVICES, EXTERNAL_ID, SERVICE_PRINCIPAL } from '../trust';
import { federationTrustErrors, SAML_PROGRAMMATIC } from './federation';

export type TrustType = 'service' | 'account' | 'user' | 'web-identity' | 'saml' | 'custom';
const TRUST_TYPES = ['service', 'account', 'user', 'web-identity', 'saml', 'custom'] as const;

export interface Draft {
  trustType: TrustType | '';
  /** a principal from COMMON_SERVICES, or `other` for serviceOther */
  service: string;
  serviceOther: string;
  accountId: string;
  requireExternalId: boolean;
  externalId: string;
  requireMfa: boolean;
  userName: string;
  /** web identity: an OpenID Connect provider's ARN, one of its client ids, and the subject condition */
  oidcProvider: string;
  audience: string;
  /** for GitHub Actions: the subject is written from these (federation.ts) */
  githubOrg: string;
  githubRepo: string;
  githubBranch: string;
  /** for any other provider: a StringLike pattern for `<provider>:sub`, or '' */
  subject: string;
  /** SAML 2.0 federation: the provider's ARN, and the access allowed (only `programmatic` here) */
  samlProvider: string;
  samlAccess: string;
  customPolicy: string;
  /** managed policy ARNs to attach */
  policies: string[];
  /** a managed policy ARN, or '' for none */
  boundary: string;
  roleName: string;
  description: string;
  path: string;
  /** seconds, as text: what the select posted */
  maxSession: string;
  tags: Tag[];
  /** the review was reached: a valid step after "Change" goes back to it (check-answers pattern) */
  reviewing: boolean;
}

export const emptyDraft = (): Draft => ({
  trustType: '',
  service: COMMON_SERVICES[0]![0],
  serviceOther: '',
  accountId: '',
  requireExternalId: false,
  externalId: '',
  requireMfa: false,
  userName: '',
  oidcProvider: '',
  audience: '',
  githubOrg: '',
  githubRepo: '',
  githubBranch: '',
  subject: '',
  samlProvider: '',
  samlAccess: SAML_PROGRAMMATIC,
  customPolicy: '',
  policies: [],
  boundary: '',
  roleName: '',
  description: '',
  path: '',
  maxSession: '3600',
  tags: [],
  reviewing: false,
});

export const DRAFT_FIELD = 'wizard';
export const serializeDraft = (d: Draft) => JSON.stringify(d);

// Read a little longer than allowed, so a too-long answer is reported rather than silently cut.
const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
const MAX_CHOSEN = 100;

export function parseDraft(raw: string): Draft {
  let v: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object') v = parsed as Record<string, unknown>;
  } catch {
    /* a missing or mangled field starts over */
  }
  const base = emptyDraft();
  const policies = Array.isArray(v.policies)
    ? v.policies.filter((x): x is string => typeof x === 'string').map((s) => s.slice(0, 2049))
    : [];
  return {
    trustType: TRUST_TYPES.find((t) => t === v.trustType) ?? '',
    service: str(v.service, 200) || base.service,
    serviceOther: str(v.serviceOther, 200),
    accountId: str(v.accountId, 40),
    requireExternalId: v.requireExternalId === true,
    externalId: str(v.externalId, 1300),
    requireMfa: v.requireMfa === true,
    userName: str(v.userName, 65),
    oidcProvider: str(v.oidcProvider, 2049),
    audience: str(v.audience, 256),
    githubOrg: str(v.githubOrg, 40),
    githubRepo: str(v.githubRepo, 101),
    githubBranch: str(v.githubBranch, 256),
    subject: str(v.subject, 1001),
    samlProvider: str(v.samlProvider, 2049),
    samlAccess: str(v.samlAccess, 20),
    customPolicy: str(v.customPolicy, 140_000),
    policies: [...new Set(policies)].slice(0, MAX_CHOSEN),
    boundary: str(v.boundary, 2049),
    roleName: str(v.roleName, 65),
    description: str(v.description, 1001),
    path: str(v.path, 513),
    maxSession: str(v.maxSession, 10) || base.maxSession,
    tags: (Array.isArray(v.tags) ? v.tags : [])
      .filter((t): t is Tag => !!t && typeof t === 'object' && typeof t.Key === 'string' && typeof t.Value === 'string')
      .slice(0, MAX_TAGS + 1)
      .map((t) => ({ Key: t.Key.slice(0, 129), Value: t.Value.slice(0, 257) })),
    reviewing: v.reviewing === true,
  };
}

export type Step = 'trust' | 'web-identity' | 'trust-preview' | 'permissions' | 'details' | 'review';

/** The steps as the person sees them; the web-identity audience and the trust preview are part of step 1. */
export const STEPS = [
  ['trust', 'Select trusted entity'],
  ['permissions', 'Add permissions'],
  ['details', 'Name and details'],
  ['review', 'Review and create'],
] as const;

export const STEP_TITLES: Record<Step, string> = {
  trust: 'Select trusted entity',
  'web-identity': 'Web identity: audience and conditions',
  'trust-preview': 'Check the trust policy',
  permissions: 'Add permissions',
  details: 'Name, describe and tag the role',
  review: 'Review and create',
};

const ORDER: Step[] = ['trust', 'web-identity', 'trust-preview', 'permissions', 'details', 'review'];

/** The step before or after this one; the web-identity step is on the way only for web identity. */
export function neighbour(step: Step, by: 1 | -1, d: Draft): Step {
  const order = d.trustType === 'web-identity' ? ORDER : ORDER.filter((s) => s !== 'web-identity');
  return order[Math.min(Math.max(order.indexOf(step) + by, 0), order.length - 1)]!;
}

// ---- reading each step's fields into the draft ----

export function readTrust(form: Form, d: Draft): Draft {
  const oidcProvider = text(form, 'oidcProvider', 2049);
  return {
    ...d,
    trustType: TRUST_TYPES.find((t) => t === text(form, 'trustType', 20)) ?? '',
    service: text(form, 'service', 200) || d.service,
    serviceOther: text(form, 'serviceOther', 200),
    accountId: text(form, 'accountId', 40).replace(/[\s-]/g, ''),
    requireExternalId: checked(form, 'requireExternalId'),
    externalId: text(form, 'externalId', 1300),
    requireMfa: checked(form, 'requireMfa'),
    userName: text(form, 'userName', 65),
    oidcProvider,
    // Another provider has other audiences: the one chosen for the old provider does not carry over.
    ...(oidcProvider !== d.oidcProvider ? { audience: '' } : {}),
    samlProvider: text(form, 'samlProvider', 2049),
    // The one access level there is; a form without the radio means it.
    samlAccess: text(form, 'samlAccess', 20) || SAML_PROGRAMMATIC,
    customPolicy: text(form, 'customPolicy', 140_000),
  };
}

export function readWebIdentity(form: Form, d: Draft): Draft {
  return {
    ...d,
    audience: text(form, 'audience', 256),
    githubOrg: text(form, 'githubOrg', 40),
    githubRepo: text(form, 'githubRepo', 101),
    githubBranch: text(form, 'githubBranch', 256),
    subject: text(form, 'subject', 1001),
  };
}

/** A filtered checkbox list: the boxes on the page replace the choices they showed; hidden choices stay. */
export function mergeSelection(previous: readonly string[], shown: readonly string[], ticked: readonly string[]): string[] {
  return [...new Set([...previous.filter((x) => !shown.includes(x)), ...ticked])].slice(0, MAX_CHOSEN);
}

export function readPermissions(form: Form, d: Draft): Draft {
  return {
    ...d,
    policies: mergeSelection(d.policies, list(form, 'policy_shown', MAX_CHOSEN), list(form, 'policy', MAX_CHOSEN)),
    boundary: text(form, 'boundary', 2049),
  };
}

export function readDetails(form: Form, d: Draft): Draft {
  const rows = Math.min(Number.parseInt(text(form, 'tag_rows', 3), 10) || 0, MAX_TAGS + 1);
  const tags: Tag[] = [];
  for (let i = 0; i < rows; i++) {
    const Key = text(form, `tag-key-${i}`, 129);
    const Value = text(form, `tag-value-${i}`, 257);
    if (Key || Value) tags.push({ Key, Value });
  }
  return {
    ...d,
    roleName: text(form, 'roleName', 65),
    description: text(form, 'description', 1001),
    path: text(form, 'path', 513),
    maxSession: text(form, 'maxSession', 10),
    tags,
  };
}

// ---- each step's checks that need no API call (run again before creating) ----

/** The service principal the draft names. */
export const servicePrincipal = (d: Draft) => (d.service === 'other' ? d.serviceOther.toLowerCase() : d.service);

export function trustErrors(d: Draft): FieldErrors {
  const e: Record<string, string> = {};
  if (!d.trustType) e.trustType = 'Choose who may assume the role';
  else if (d.trustType === 'web-identity' || d.trustType === 'saml') Object.assign(e, federationTrustErrors(d));
  else if (d.trustType === 'service') {
    const s = servicePrincipal(d);
    if (d.service === 'other' && !s) e.serviceOther = 'Enter the service principal, for example ssm.amazonaws.com';
    else if (!SERVICE_PRINCIPAL.test(s) || s.length > 128)
      e[d.service === 'other' ? 'serviceOther' : 'service'] =
        'Enter a service principal ending in .amazonaws.com, for example ssm.amazonaws.com';
  } else if (d.trustType === 'account') {
    if (!d.accountId) e.accountId = 'Enter the 12-digit ID of the account whose principals may assume the role';
    else if (!ACCOUNT_ID.test(d.accountId)) e.accountId = 'An account ID is 12 digits, for example 123456789012';
    if (d.requireExternalId && !d.externalId) e.externalId = 'Enter the external ID, or untick "Require external ID"';
    else if (d.requireExternalId && !EXTERNAL_ID.test(d.externalId))
      e.externalId = 'An external ID is 2 to 1,224 letters, digits and + = , . @ : / - _';
  } else if (d.trustType === 'user') {
    const n = roleNameProblem(d.userName);
    if (n) e.userName = d.userName ? n.replace(/role name/g, 'user name') : 'Enter the name of the IAM user who may assume the role';
  } else if (d.trustType === 'custom' && !d.customPolicy) e.customPolicy = 'Enter the trust policy';
  else if (d.trustType === 'custom' && d.customPolicy.length > 131072)
    e.customPolicy = 'The trust policy must be 131,072 characters or fewer';
  return e;
}

export function permissionErrors(d: Draft): FieldErrors {
  const e: Record<string, string> = {};
  if (d.policies.length > MAX_ATTACHED) e.policies = `At most ${MAX_ATTACHED} managed policies can be attached to a role: untick some`;
  if (d.policies.some((arn) => !arn.startsWith('arn:') || arn.length > 2048)) e.policies = 'Choose policies from the list';
  if (d.boundary && (!d.boundary.startsWith('arn:') || d.boundary.length > 2048)) e.boundary = 'Choose a boundary policy from the list';
  return e;
}

export function detailsErrors(d: Draft): FieldErrors {
  const e: Record<string, string> = {};
  const name = roleNameProblem(d.roleName);
  if (name) e.roleName = name;
  const description = descriptionProblem(d.description);
  if (description) e.description = description;
  const path = pathProblem(d.path);
  if (path) e.path = path;
  const session = readSessionDuration(d.maxSession);
  if ('problem' in session) e.maxSession = session.problem;
  return { ...e, ...tagRowErrors(d.tags) };
}
