// The condition keys an identity provider's token or assertion gives a role's trust policy, as AWS
// names them, and the few of them AWS keeps in the session for every later request.
//
// Web identity (IAM User Guide, "Available keys for AWS web identity federation"): keys are named by
// the provider (the issuer without `https://`) and the claim: `<provider>:aud`, `:sub`, `:amr`,
// `:azp`, and for Google `:oaud` (the `aud` claim when `azp` names the app). Providers the Service
// Authorization Reference documents more claims for (GitHub Actions, GitLab, Buildkite, CircleCI ...)
// get those too: the documented keys of sts:AssumeRoleWithWebIdentity are the table, so a provider
// AWS adds is covered by regenerating iam-condition-keys.ts. Only `amr`, `aud` and `sub` outlive the
// trust policy ("Cross-service AWS web identity federation context keys").
//
// SAML ("Available keys for SAML-based AWS STS federation"): `saml:aud` is the Recipient (not the
// Audience), `saml:iss`, `saml:sub`, `saml:sub_type`, `saml:doc` (`<account>/<provider name>`),
// `saml:namequalifier` (Base64(SHA1(issuer + account + "/" + provider name))), and the attributes of
// AWS's mapping table (eduPerson, eduOrg, Active Directory, X.500). Only `saml:namequalifier`,
// `saml:sub` and `saml:sub_type` outlive the trust policy.
import { bytesToBase64 } from '../util/encoding';
import { DOCUMENTED_CONDITION_KEYS } from './iam-condition-keys';

export type FederationKeyValue = string | string[];
export type FederationKeys = Record<string, FederationKeyValue>;

/** The identity providers AWS trusts without an IAM provider of the account (`Federated` names them). */
export const BUILT_IN_WEB_IDENTITY_PROVIDERS = [
  'accounts.google.com',
  'cognito-identity.amazonaws.com',
  'graph.facebook.com',
  'www.amazon.com',
];

/** The provider part of a web identity key: the issuer without its scheme (and trailing slash kept, as AWS keeps it). */
export const webIdentityProviderId = (issuer: string) => issuer.replace(/^https?:\/\//i, '');

/** A documented key's provider part and claim, its `${Placeholder}`s as a pattern. */
interface DocumentedClaimKey {
  readonly provider: RegExp;
  readonly claim: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patternOf = (provider: string) =>
  new RegExp(
    `^${provider
      .split(/\$\{[^}]+\}/)
      .map(escape)
      .join('[^:]+')}$`,
    'i',
  );

/** Provider-specific claim keys the reference documents for sts:AssumeRoleWithWebIdentity. */
const DOCUMENTED_CLAIM_KEYS: readonly DocumentedClaimKey[] = (DOCUMENTED_CONDITION_KEYS['sts:AssumeRoleWithWebIdentity'] ?? [])
  .filter((k) => !/^(aws|iam|sts):/.test(k))
  .map((k) => {
    // The provider part may itself hold `/` but never `:`; the claim may hold `:`-free paths (`google/organization_number`).
    const colon = k.indexOf(':');
    return { provider: patternOf(k.slice(0, colon)), claim: k.slice(colon + 1) };
  });

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** A claim by name, or by `/`-separated path into nested objects (`google/organization_number`). */
function claimValue(claims: Readonly<Record<string, unknown>>, name: string): FederationKeyValue | undefined {
  let v: unknown = claims[name];
  if (v === undefined && name.includes('/')) {
    v = claims;
    for (const part of name.split('/'))
      v = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[part] : undefined;
  }
  if (Array.isArray(v)) {
    const values = v.map(text).filter((x): x is string => x !== undefined);
    return values.length > 0 ? values : undefined;
  }
  return text(v);
}

/**
 * The trust policy's keys for a verified ID token. `audience` is the client id the token was accepted
 * for (its `azp` when that is one of the provider's client ids, else the matching `aud`).
 */
export function webIdentityKeys(providerId: string, claims: Readonly<Record<string, unknown>>, audience: string): FederationKeys {
  const keys: FederationKeys = {};
  const p = providerId;
  keys[`${p}:aud`] = audience;
  const sub = text(claims['sub']);
  if (sub !== undefined) keys[`${p}:sub`] = sub;
  const azp = text(claims['azp']);
  if (azp !== undefined) keys[`${p}:azp`] = azp;
  const amr = claimValue(claims, 'amr');
  if (amr !== undefined) keys[`${p}:amr`] = typeof amr === 'string' ? [amr] : amr;
  if (p === 'accounts.google.com') {
    const aud = claimValue(claims, 'aud');
    if (aud !== undefined) keys[`${p}:oaud`] = typeof aud === 'string' ? aud : (aud[0] ?? '');
  }
  for (const documented of DOCUMENTED_CLAIM_KEYS) {
    if (!documented.provider.test(p)) continue;
    const key = `${p}:${documented.claim}`;
    if (key in keys) continue;
    const v = claimValue(claims, documented.claim);
    if (v !== undefined) keys[key] = v;
  }
  return keys;
}

/** The web identity keys a session keeps for its later requests: `amr`, `aud`, `sub`. */
export function carriedWebIdentityKeys(keys: FederationKeys): FederationKeys {
  return Object.fromEntries(Object.entries(keys).filter(([k]) => /:(amr|aud|sub)$/.test(k)));
}

const NAMEID_FORMAT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:';
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

/** `persistent` and `transient` by their short names, any other Format as its full URI (saml:sub_type). */
export function samlSubjectType(format: string | null): string {
  if (format === `${NAMEID_FORMAT}persistent`) return 'persistent';
  if (format === `${NAMEID_FORMAT}transient`) return 'transient';
  return format ?? UNSPECIFIED;
}

/** saml:namequalifier: Base64(SHA1(issuer + account + "/" + provider name)), as the User Guide computes it. */
export async function samlNameQualifier(issuer: string, accountId: string, providerName: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(`${issuer}${accountId}/${providerName}`));
  return bytesToBase64(new Uint8Array(digest));
}

/** AWS's mapping of SAML attribute names to trust policy keys, and whether each is a list. */
const SAML_ATTRIBUTE_KEYS: Readonly<Record<string, { key: string; list: boolean }>> = {
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': { key: 'saml:edupersonaffiliation', list: true },
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.2': { key: 'saml:edupersonnickname', list: true },
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.3': { key: 'saml:edupersonorgdn', list: false },
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.4': { key: 'saml:edupersonorgunitdn', list: true },
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.5': { key: 'saml:edupersonprimaryaffiliation', list: false },
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.6': { key: 'saml:edupersonprincipalname', list: false },
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.7': { key: 'saml:edupersonentitlement', list: true },
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.8': { key: 'saml:edupersonprimaryorgunitdn', list: false },
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.9': { key: 'saml:edupersonscopedaffiliation', list: true },
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.10': { key: 'saml:edupersontargetedid', list: true },
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.11': { key: 'saml:edupersonassurance', list: true },
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.2': { key: 'saml:eduorghomepageuri', list: true },
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.3': { key: 'saml:eduorgidentityauthnpolicyuri', list: true },
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.4': { key: 'saml:eduorglegalname', list: true },
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.5': { key: 'saml:eduorgsuperioruri', list: true },
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.6': { key: 'saml:eduorgwhitepagesuri', list: true },
  'urn:oid:2.5.4.3': { key: 'saml:cn', list: true },
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': { key: 'saml:name', list: false },
  'http://schemas.xmlsoap.org/claims/CommonName': { key: 'saml:commonName', list: false },
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': { key: 'saml:givenName', list: false },
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname': { key: 'saml:surname', list: false },
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': { key: 'saml:mail', list: false },
  'http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid': { key: 'saml:primaryGroupSID', list: false },
  // X.500 attributes by their bare OIDs (the urn:oid: form of 2.5.4.3 is eduOrg's cn above).
  '2.5.4.3': { key: 'saml:commonName', list: false },
  '2.5.4.4': { key: 'saml:surname', list: false },
  '2.5.4.42': { key: 'saml:givenName', list: false },
  '2.5.4.45': { key: 'saml:x500UniqueIdentifier', list: false },
  '0.9.2342.19200300.100.1.1': { key: 'saml:uid', list: false },
  '0.9.2342.19200300.100.1.3': { key: 'saml:mail', list: false },
  '0.9.2342.19200300.100.1.45': { key: 'saml:organizationStatus', list: false },
};

export interface SamlKeySource {
  issuer: string;
  nameId: string;
  nameIdFormat: string | null;
  /** SubjectConfirmationData's Recipient: what saml:aud is */
  recipient: string;
  attributes: Readonly<Record<string, readonly string[]>>;
}

/** The trust policy's keys for a verified assertion of the account's provider `providerName`. */
export async function samlKeys(a: SamlKeySource, accountId: string, providerName: string): Promise<FederationKeys> {
  const keys: FederationKeys = {};
  // Attributes first, so the assertion's own subject, issuer and recipient are never overridden by one.
  for (const [name, values] of Object.entries(a.attributes)) {
    const mapped = SAML_ATTRIBUTE_KEYS[name];
    if (!mapped || values.length === 0 || mapped.key in keys) continue;
    keys[mapped.key] = mapped.list ? [...values] : values[0]!;
  }
  keys['saml:aud'] = a.recipient;
  keys['saml:iss'] = a.issuer;
  keys['saml:sub'] = a.nameId;
  keys['saml:sub_type'] = samlSubjectType(a.nameIdFormat);
  keys['saml:doc'] = `${accountId}/${providerName}`;
  keys['saml:namequalifier'] = await samlNameQualifier(a.issuer, accountId, providerName);
  return keys;
}

/** The SAML keys a session keeps for its later requests. */
export const CARRIED_SAML_KEYS = ['saml:namequalifier', 'saml:sub', 'saml:sub_type'] as const;

export function carriedSamlKeys(keys: FederationKeys): FederationKeys {
  return Object.fromEntries(CARRIED_SAML_KEYS.filter((k) => keys[k] !== undefined).map((k) => [k, keys[k]!]));
}
