// Trust policies for people: the documents the "create role" wizard writes for each kind of trusted
// entity (as AWS's console writes them), and any trust policy read back as words — who may assume
// the role ("AWS service: ec2", "Account 123456789012", "IAM user tom", "Identity provider
// token.actions.githubusercontent.com", "SAML provider Corp") and on what conditions.
// Pure: no API calls; the pages pass the document and the account in.

/** Services a role is most often made for; any other `*.amazonaws.com` principal can be typed. */
export const COMMON_SERVICES: readonly (readonly [principal: string, label: string])[] = [
  ['ec2.amazonaws.com', 'EC2: instances that call services for you'],
  ['lambda.amazonaws.com', 'Lambda: functions that call services for you'],
  ['ecs-tasks.amazonaws.com', 'Elastic Container Service: tasks'],
  ['states.amazonaws.com', 'Step Functions: state machines'],
  ['apigateway.amazonaws.com', 'API Gateway: pushing logs and calling back ends'],
  ['events.amazonaws.com', 'EventBridge: rules that start targets'],
  ['codebuild.amazonaws.com', 'CodeBuild: builds'],
  ['glue.amazonaws.com', 'Glue: jobs and crawlers'],
];

export const SERVICE_PRINCIPAL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.amazonaws\.com$/;
export const ACCOUNT_ID = /^\d{12}$/;
/** sts:ExternalId as AWS allows it: 2-1224 of letters, digits and + = , . @ : / - _ */
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** The audience (and recipient) AWS's sign-in endpoint expects in a SAML assertion: what `saml:aud` is. */
export const SAML_AUDIENCE = 'https://signin.aws.amazon.com/saml';

/** An OpenID Connect provider's ARN names its issuer without `https://`, the prefix of its condition keys. */
const OIDC_PROVIDER = ':oidc-provider/';
export const oidcProviderId = (arn: string) => arn.slice(arn.indexOf(OIDC_PROVIDER) + OIDC_PROVIDER.length);

export type TrustChoice =
  | { kind: 'service'; service: string }
  | { kind: 'account'; accountId: string; externalId?: string | undefined; mfa: boolean }
  | { kind: 'user'; userArn: string }
  /** `subject` is a StringLike pattern for `<provider>:sub` */
  | { kind: 'web-identity'; providerArn: string; audience: string; subject?: string | undefined }
  | { kind: 'saml'; providerArn: string };

type Conditions = Record<string, Record<string, string>>;

function statementOf(choice: TrustChoice): { Principal: Record<string, string>; Action: string; Condition?: Conditions } {
  switch (choice.kind) {
    case 'service':
      return { Principal: { Service: choice.service }, Action: 'sts:AssumeRole' };
    case 'user':
      return { Principal: { AWS: choice.userArn }, Action: 'sts:AssumeRole' };
    case 'account': {
      const condition: Conditions = {};
      if (choice.externalId) condition.StringEquals = { 'sts:ExternalId': choice.externalId };
      if (choice.mfa) condition.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
      return {
        Principal: { AWS: `arn:aws:iam::${choice.accountId}:root` },
        Action: 'sts:AssumeRole',
        ...(Object.keys(condition).length ? { Condition: condition } : {}),
      };
    }
    case 'web-identity': {
      const id = oidcProviderId(choice.providerArn);
      return {
        Principal: { Federated: choice.providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${id}:aud`]: choice.audience },
          ...(choice.subject ? { StringLike: { [`${id}:sub`]: choice.subject } } : {}),
        },
      };
    }
    case 'saml':
      return {
        Principal: { Federated: choice.providerArn },
        Action: 'sts:AssumeRoleWithSAML',
        Condition: { StringEquals: { 'saml:aud': SAML_AUDIENCE } },
      };
  }
}

/** The trust policy for a choice, statement for statement what AWS's console generates. */
export function trustPolicyFor(choice: TrustChoice): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statementOf(choice) }] }, null, 2);
}

export const CUSTOM_TEMPLATE = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'Statement1', Effect: 'Allow', Principal: {}, Action: 'sts:AssumeRole' }] },
  null,
  2,
);

/** One statement of a trust policy, in words. */
export interface TrustStatement {
  effect: 'Allow' | 'Deny';
  entities: string[];
  actions: string[];
  conditions: string[];
}

const values = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
// A principal's unique id (AIDA… user, AROA… role): what a trust policy shows once its principal is deleted.
const UNIQUE_ID = /^A[A-Z]{3}[A-Z2-7]{17}$/;

function awsPrincipal(value: string, accountId: string): string {
  if (value === '*') return 'Any AWS principal (*)';
  const account = (id: string) => (id === accountId ? `This account (${id})` : `Account ${id}`);
  if (ACCOUNT_ID.test(value)) return account(value);
  if (UNIQUE_ID.test(value)) return `Deleted principal ${value}`;
  const arn = /^arn:aws:(iam|sts)::(\d{12}|aws):(.+)$/.exec(value);
  if (!arn) return value;
  const [, service, id, resource] = arn as unknown as [string, string, string, string];
  const of = id === accountId ? '' : ` in account ${id}`;
  if (service === 'iam' && resource === 'root') return account(id);
  if (service === 'iam' && resource.startsWith('user/')) return `IAM user ${resource.slice(resource.lastIndexOf('/') + 1)}${of}`;
  if (service === 'iam' && resource.startsWith('role/')) return `IAM role ${resource.slice(resource.lastIndexOf('/') + 1)}${of}`;
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const [, role, session] = resource.split('/');
    return `Session ${session ?? ''} of role ${role ?? ''}${of}`;
  }
  return value;
}

/** A `Federated` principal: a provider of this or another account by ARN, or one AWS trusts by name (accounts.google.com). */
function federated(value: string, accountId: string): string {
  const provider = /^arn:aws:iam::(\d{12}):(saml-provider|oidc-provider)\/(.+)$/.exec(value);
  if (!provider) return `Identity provider ${value}`;
  const [, account, kind, name] = provider as unknown as [string, string, string, string];
  return `${kind === 'saml-provider' ? 'SAML provider' : 'Identity provider'} ${name}${account === accountId ? '' : ` in account ${account}`}`;
}

/** The principals of a statement (`Principal` or `NotPrincipal`), in words. */
function entitiesOf(principal: unknown, accountId: string): string[] {
  if (principal === '*') return ['Anyone (*)'];
  if (!principal || typeof principal !== 'object') return [];
  const p = principal as Record<string, unknown>;
  return [
    ...values(p.Service).map((s) => `AWS service: ${s.replace(/\.amazonaws\.com(\.cn)?$/, '')}`),
    ...values(p.AWS).map((a) => awsPrincipal(a, accountId)),
    ...values(p.Federated).map((f) => federated(f, accountId)),
    ...values(p.CanonicalUser).map((u) => `Canonical user ${u}`),
  ];
}

// `<provider>:aud` and `<provider>:sub` (`saml:aud`, `token.actions.githubusercontent.com:sub`): the
// audience and subject of a federated sign-in, which is what a person needs to read in them.
const FEDERATION_KEY = /^(.+):(aud|sub)$/i;
const GLOBAL_PREFIXES = new Set(['aws', 'sts', 'iam']);

function federationCondition(operator: string, key: string, vs: readonly string[]): string | undefined {
  const m = FEDERATION_KEY.exec(key);
  if (!m || (operator !== 'StringEquals' && operator !== 'StringLike')) return undefined;
  const prefix = m[1]!.toLowerCase();
  if (GLOBAL_PREFIXES.has(prefix)) return undefined;
  const of = prefix === 'saml' ? 'SAML' : 'Token';
  const what = m[2]!.toLowerCase() === 'aud' ? `${of} audience` : `${of} subject`;
  const how = operator === 'StringLike' && vs.some((v) => /[*?]/.test(v)) ? 'matches' : 'is';
  return `${what} (${key}) ${how} ${vs.join(' or ')}`;
}

function conditionsOf(condition: unknown): string[] {
  if (!condition || typeof condition !== 'object') return [];
  const out: string[] = [];
  for (const [operator, keys] of Object.entries(condition as Record<string, unknown>)) {
    if (!keys || typeof keys !== 'object') continue;
    for (const [key, raw] of Object.entries(keys as Record<string, unknown>)) {
      const vs = values(raw).concat(typeof raw === 'boolean' ? [String(raw)] : []);
      if (operator === 'StringEquals' && key.toLowerCase() === 'sts:externalid') out.push(`Requires external ID ${vs.join(' or ')}`);
      else if (operator === 'Bool' && key.toLowerCase() === 'aws:multifactorauthpresent' && vs.join() === 'true') out.push('Requires MFA');
      else out.push(federationCondition(operator, key, vs) ?? `${operator} ${key}: ${vs.join(', ')}`);
    }
  }
  return out;
}

/** A trust policy (plain JSON, as readablePolicy gives it) statement by statement; null if it does not parse. */
export function describeTrust(document: string, accountId: string): TrustStatement[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(document);
  } catch {
    return null;
  }
  if (!doc || typeof doc !== 'object') return null;
  const raw = (doc as Record<string, unknown>).Statement;
  const statements = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  return statements
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object')
    .map((s) => {
      const negated = s.NotPrincipal !== undefined;
      const entities = entitiesOf(negated ? s.NotPrincipal : s.Principal, accountId);
      return {
        effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
        entities: negated ? entities.map((e) => `Everyone except ${e}`) : entities,
        actions: values(s.Action),
        conditions: conditionsOf(s.Condition),
      };
    });
}

/** Who may assume the role, in one line for the roles list (Allow statements only). */
export function trustedEntitiesLine(document: string, accountId: string): string {
  const statements = describeTrust(document, accountId);
  if (!statements) return 'Trust policy could not be read';
  const entities = [...new Set(statements.filter((s) => s.effect === 'Allow').flatMap((s) => s.entities))];
  return entities.length ? entities.join(', ') : 'No one';
}
