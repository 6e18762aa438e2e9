// A SAML 2.0 identity provider made on the spot, for tests (nothing recorded from a real IdP):
//
//   const idp = await createTestIdp();                         // RSA-2048 key + self-signed certificate
//   const metadata = idp.metadata();                           // IdP metadata XML for CreateSAMLProvider
//   const saml = await idp.response({                          // base64 SAMLResponse for AssumeRoleWithSAML
//     roles: [{ roleArn, providerArn }],                       //   https://aws.amazon.com/SAML/Attributes/Role
//     roleSessionName: 'alice', sessionDuration: 1800,         //   …/RoleSessionName, …/SessionDuration
//     principalTags: { Project: 'blue' },                      //   …/PrincipalTag:Project
//   });
//
// `createTestIdp({ keyType: 'ec' })` makes a P-256 IdP instead. `idp.response(opts)` signs the Assertion by
// default (what most IdPs do); `sign: 'response' | 'both' | 'none'` changes that, and `signWith` signs with
// another IdP's key (an attacker), optionally carrying that key's certificate in KeyInfo. Every time,
// audience, recipient, NameID and attribute can be set; defaults make a response AWS would accept right
// now: audience and recipient `https://signin.aws.amazon.com/saml`, issued now, valid 5 minutes.
// `idp.responseXml(opts)` returns the signed XML before base64, for tests that tamper with it after
// signing; `encodeSamlResponse` / `parseSaml` / `serializeSaml` help them do it.
//
// Through the AWS SDK (AssumeRoleWithSAML tests): CreateSAMLProvider with `SAMLMetadataDocument:
// idp.metadata()`, then AssumeRoleWithSAML with `SAMLAssertion: await idp.response({ roles: [{ roleArn,
// providerArn }], roleSessionName })`, `providerArn` being the ARN CreateSAMLProvider returned. Each
// createTestIdp() has a random entity id (tests share one D1), which is also the Issuer of its responses.
// Mind STS's rules the library applies: a response is good for 5 minutes after its IssueInstant (`now`
// moves it), and its audience/recipient must be one the verifier accepts (`audience`, `recipient`).
//
// Signing uses xmldsigjs (set up for workerd by the library's runtime module) over the whole document,
// enveloped-signature + exclusive c14n, RSA-SHA256 (or -SHA1 with `hash: 'SHA-1'`) or ECDSA-SHA256.
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { xmldsig } from '../../packages/core/src/federation/saml/xmldsig-runtime';
import { bytesToBase64 } from '../../packages/core/src/util/encoding';
import { certificate, EC, RSA } from '../iam/certs';

export const AWS_SAML_ENDPOINT = 'https://signin.aws.amazon.com/saml';
export const ROLE_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/Role';
export const ROLE_SESSION_NAME_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';
export const SESSION_DURATION_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/SessionDuration';
export const SOURCE_IDENTITY_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/SourceIdentity';
export const TRANSITIVE_TAG_KEYS_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys';
export const principalTagAttribute = (key: string) => `https://aws.amazon.com/SAML/Attributes/PrincipalTag:${key}`;

const NS_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const NS_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const MINUTE = 60_000;

export interface TestIdp {
  entityId: string;
  /** base64 DER, as SamlMetadata.certificates holds it */
  certificate: string;
  keys: CryptoKeyPair;
  keyType: 'rsa' | 'ec';
  /** IdP metadata XML for this IdP (CreateSAMLProvider's SAMLMetadataDocument). */
  metadata(opts?: MetadataOptions): string;
  /** A base64 SAMLResponse signed by this IdP. */
  response(opts?: SamlResponseOptions): Promise<string>;
  /** The same, as XML text before base64 (for tests that tamper after signing). */
  responseXml(opts?: SamlResponseOptions): Promise<string>;
}

export interface MetadataOptions {
  /** EntityDescriptor validUntil; absent by default */
  validUntil?: Date;
  /** KeyDescriptor use; 'signing' by default, null for no use attribute */
  use?: 'signing' | 'encryption' | null;
  /** more certificates (base64 DER), each in its own signing KeyDescriptor */
  extraCertificates?: string[];
  /** leave the KeyDescriptor out altogether */
  noCertificate?: boolean;
  entityId?: string;
}

export interface RoleProviderPair {
  roleArn: string;
  providerArn: string;
}

export interface SamlResponseOptions {
  /** the instant the IdP "signs" at (IssueInstant, AuthnInstant); default now */
  now?: Date;
  /** Role attribute values, each `roleArn,providerArn` (a string is taken as the whole value) */
  roles?: (RoleProviderPair | string)[];
  roleSessionName?: string;
  /** SessionDuration attribute, seconds */
  sessionDuration?: number | string;
  sourceIdentity?: string;
  /** PrincipalTag:{key} attributes */
  principalTags?: Record<string, string>;
  transitiveTagKeys?: string[];
  /** any other attributes, by Name */
  attributes?: Record<string, string[]>;
  /** Audience values of the one AudienceRestriction; null leaves AudienceRestriction out */
  audience?: string | string[] | null;
  /** SubjectConfirmationData Recipient */
  recipient?: string;
  /** Response Destination; default the recipient, null leaves it out */
  destination?: string | null;
  /** Issuer of Response and Assertion; default the IdP's entity id */
  issuer?: string;
  nameId?: string;
  nameIdFormat?: string | null;
  /** Conditions NotBefore (default now - 1 minute; null leaves it out) */
  notBefore?: Date | null;
  /** Conditions NotOnOrAfter (default now + 5 minutes; null leaves it out) */
  notOnOrAfter?: Date | null;
  /** SubjectConfirmationData NotOnOrAfter (default the Conditions one, or now + 5 minutes) */
  subjectNotOnOrAfter?: Date;
  issueInstant?: Date;
  /** StatusCode Value; default Success */
  status?: string;
  /** which element carries the signature; default 'assertion' */
  sign?: 'assertion' | 'response' | 'both' | 'none';
  /** sign with another key (e.g. an attacker's IdP) instead of this IdP's */
  signWith?: Pick<TestIdp, 'keys' | 'certificate' | 'keyType'>;
  /** put the signer's certificate in ds:KeyInfo (default true) */
  keyInfo?: boolean;
  /** digest and RSA signature hash; default SHA-256 */
  hash?: 'SHA-256' | 'SHA-1';
  assertionId?: string;
  responseId?: string;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const randomId = () => `_${crypto.randomUUID().replaceAll('-', '')}`;
const iso = (d: Date) => d.toISOString();
const wrap64 = (b64: string) => b64.match(/.{1,64}/g)!.join('\n');

export const encodeSamlResponse = (xml: string) => bytesToBase64(new TextEncoder().encode(xml));
export const decodeSamlResponse = (b64: string) => new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
export const parseSaml = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
export const serializeSaml = (node: Parameters<XMLSerializer['serializeToString']>[0]) => new XMLSerializer().serializeToString(node);

/** A self-signed signing certificate and its key pair, as an IdP would hold them. */
export async function createTestIdp(opts: { entityId?: string; keyType?: 'rsa' | 'ec'; rsaBits?: number } = {}): Promise<TestIdp> {
  const keyType = opts.keyType ?? 'rsa';
  const entityId = opts.entityId ?? `https://idp-${crypto.randomUUID().slice(0, 8)}.example.com/saml`;
  const made = await certificate(new URL(entityId).hostname, { alg: keyType === 'ec' ? EC : RSA(opts.rsaBits ?? 2048), days: 3650 });
  const idp: TestIdp = {
    entityId,
    certificate: bytesToBase64(new Uint8Array(made.cert.rawData)),
    keys: made.keys,
    keyType,
    metadata: (m) => metadataXml(idp, m),
    responseXml: (r) => signedResponseXml(idp, r),
    response: async (r) => encodeSamlResponse(await signedResponseXml(idp, r)),
  };
  return idp;
}

const keyDescriptor = (cert: string, use: MetadataOptions['use']) => `
    <md:KeyDescriptor${use ? ` use="${use}"` : ''}>
      <ds:KeyInfo>
        <ds:X509Data>
          <ds:X509Certificate>${wrap64(cert)}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>`;

/** IdP metadata as IdPs publish it: EntityDescriptor / IDPSSODescriptor with a signing KeyDescriptor. */
export function metadataXml(idp: Pick<TestIdp, 'entityId' | 'certificate'>, opts: MetadataOptions = {}): string {
  const entityId = opts.entityId ?? idp.entityId;
  const sso = new URL('/sso', entityId).href;
  const certs = opts.noCertificate ? [] : [idp.certificate, ...(opts.extraCertificates ?? [])];
  const use = opts.use === undefined ? 'signing' : opts.use;
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(entityId)}"${opts.validUntil ? ` validUntil="${iso(opts.validUntil)}"` : ''}>
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${certs
    .map((c, i) => keyDescriptor(c, i === 0 ? use : 'signing'))
    .join('')}
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeXml(sso)}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeXml(sso)}"/>
  </md:IDPSSODescriptor>
  <md:Organization>
    <md:OrganizationName xml:lang="en">Example Identity Provider (tests)</md:OrganizationName>
    <md:OrganizationDisplayName xml:lang="en">Example Identity Provider</md:OrganizationDisplayName>
    <md:OrganizationURL xml:lang="en">${escapeXml(new URL('/', entityId).href)}</md:OrganizationURL>
  </md:Organization>
  <md:ContactPerson contactType="technical">
    <md:GivenName>Identity Team</md:GivenName>
    <md:EmailAddress>mailto:identity@example.com</md:EmailAddress>
  </md:ContactPerson>
</md:EntityDescriptor>
`;
}

function attributeXml(name: string, values: string[]): string {
  const vals = values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${escapeXml(v)}</saml:AttributeValue>`).join('');
  return `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${vals}</saml:Attribute>`;
}

/** The unsigned Response XML for `opts` (exported for tests that need to build a message by hand). */
export function responseXml(
  idp: Pick<TestIdp, 'entityId'>,
  opts: SamlResponseOptions = {},
): { xml: string; responseId: string; assertionId: string } {
  const now = opts.now ?? new Date();
  const issueInstant = opts.issueInstant ?? now;
  const notBefore = opts.notBefore === undefined ? new Date(now.getTime() - MINUTE) : opts.notBefore;
  const notOnOrAfter = opts.notOnOrAfter === undefined ? new Date(now.getTime() + 5 * MINUTE) : opts.notOnOrAfter;
  const subjectNotOnOrAfter = opts.subjectNotOnOrAfter ?? notOnOrAfter ?? new Date(now.getTime() + 5 * MINUTE);
  const recipient = opts.recipient ?? AWS_SAML_ENDPOINT;
  const destination = opts.destination === undefined ? recipient : opts.destination;
  const audiences = opts.audience === undefined ? [AWS_SAML_ENDPOINT] : opts.audience === null ? null : [opts.audience].flat();
  const issuer = escapeXml(opts.issuer ?? idp.entityId);
  const responseId = opts.responseId ?? randomId();
  const assertionId = opts.assertionId ?? randomId();
  const nameIdFormat = opts.nameIdFormat === undefined ? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' : opts.nameIdFormat;

  const attributes: [string, string[]][] = [];
  if (opts.roles) attributes.push([ROLE_ATTRIBUTE, opts.roles.map((r) => (typeof r === 'string' ? r : `${r.roleArn},${r.providerArn}`))]);
  if (opts.roleSessionName !== undefined) attributes.push([ROLE_SESSION_NAME_ATTRIBUTE, [opts.roleSessionName]]);
  if (opts.sessionDuration !== undefined) attributes.push([SESSION_DURATION_ATTRIBUTE, [String(opts.sessionDuration)]]);
  if (opts.sourceIdentity !== undefined) attributes.push([SOURCE_IDENTITY_ATTRIBUTE, [opts.sourceIdentity]]);
  for (const [k, v] of Object.entries(opts.principalTags ?? {})) attributes.push([principalTagAttribute(k), [v]]);
  if (opts.transitiveTagKeys) attributes.push([TRANSITIVE_TAG_KEYS_ATTRIBUTE, opts.transitiveTagKeys]);
  for (const [k, v] of Object.entries(opts.attributes ?? {})) attributes.push([k, v]);

  const conditionTimes = `${notBefore ? ` NotBefore="${iso(notBefore)}"` : ''}${notOnOrAfter ? ` NotOnOrAfter="${iso(notOnOrAfter)}"` : ''}`;
  const audienceXml = audiences
    ? `<saml:AudienceRestriction>${audiences.map((a) => `<saml:Audience>${escapeXml(a)}</saml:Audience>`).join('')}</saml:AudienceRestriction>`
    : '';
  const xml = `<samlp:Response xmlns:samlp="${NS_PROTOCOL}" xmlns:saml="${NS_ASSERTION}" ID="${responseId}" Version="2.0" IssueInstant="${iso(issueInstant)}"${
    destination === null ? '' : ` Destination="${escapeXml(destination)}"`
  }><saml:Issuer>${issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${escapeXml(opts.status ?? SUCCESS)}"/></samlp:Status><saml:Assertion xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${assertionId}" Version="2.0" IssueInstant="${iso(issueInstant)}"><saml:Issuer>${issuer}</saml:Issuer><saml:Subject><saml:NameID${
    nameIdFormat ? ` Format="${escapeXml(nameIdFormat)}"` : ''
  }>${escapeXml(opts.nameId ?? 'user@example.com')}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(
    subjectNotOnOrAfter,
  )}" Recipient="${escapeXml(recipient)}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions${conditionTimes}>${audienceXml}</saml:Conditions><saml:AuthnStatement AuthnInstant="${iso(
    issueInstant,
  )}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>${
    attributes.length ? `<saml:AttributeStatement>${attributes.map(([n, v]) => attributeXml(n, v)).join('')}</saml:AttributeStatement>` : ''
  }</saml:Assertion></samlp:Response>`;
  return { xml, responseId, assertionId };
}

type Doc = ReturnType<typeof parseSaml>;
type El = NonNullable<Doc['documentElement']>;

/** The private key re-imported for `hash` (WebCrypto binds an RSA key to one hash). */
async function signingKey(signer: Pick<TestIdp, 'keys' | 'keyType'>, hash: 'SHA-256' | 'SHA-1'): Promise<CryptoKey> {
  if (signer.keyType === 'ec' || hash === 'SHA-256') return signer.keys.privateKey;
  const pkcs8 = (await crypto.subtle.exportKey('pkcs8', signer.keys.privateKey)) as ArrayBuffer;
  return crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']);
}

/**
 * Signs the element with ID `id` in `doc` (enveloped, exclusive c14n) and puts the ds:Signature right
 * after its Issuer, where SAML's schema wants it.
 */
export async function signElement(
  doc: Doc,
  target: El,
  id: string,
  signer: Pick<TestIdp, 'keys' | 'certificate' | 'keyType'>,
  opts: { keyInfo?: boolean; hash?: 'SHA-256' | 'SHA-1' } = {},
): Promise<void> {
  const hash = opts.hash ?? 'SHA-256';
  const key = await signingKey(signer, hash);
  const algorithm = signer.keyType === 'ec' ? { name: 'ECDSA', hash: { name: 'SHA-256' } } : { name: 'RSASSA-PKCS1-v1_5' };
  const signedXml = new xmldsig.SignedXml();
  // SignedInfo too is canonicalised with exclusive c14n (xmldsigjs defaults to inclusive c14n)
  signedXml.XmlSignature.SignedInfo.CanonicalizationMethod.Algorithm = 'http://www.w3.org/2001/10/xml-exc-c14n#';
  const signature = await signedXml.Sign(algorithm as never, key, doc as never, {
    references: [{ uri: `#${id}`, hash: signer.keyType === 'ec' ? 'SHA-256' : hash, transforms: ['enveloped', 'exc-c14n'] }],
    ...(opts.keyInfo === false ? {} : { x509: [signer.certificate] }),
  });
  const node = doc.importNode(signature.GetXml() as never, true);
  let issuer = target.firstChild;
  while (issuer && !(issuer.nodeType === 1 && (issuer as El).localName === 'Issuer')) issuer = issuer.nextSibling;
  target.insertBefore(node, issuer ? issuer.nextSibling : target.firstChild);
}

/** The signed Response XML (see SamlResponseOptions for what can be varied). */
export async function signedResponseXml(idp: TestIdp, opts: SamlResponseOptions = {}): Promise<string> {
  const { xml, responseId, assertionId } = responseXml(idp, opts);
  const sign = opts.sign ?? 'assertion';
  if (sign === 'none') return xml;
  const doc = parseSaml(xml);
  const root = doc.documentElement!;
  const assertion = root.getElementsByTagNameNS(NS_ASSERTION, 'Assertion')[0]!;
  const signer = opts.signWith ?? idp;
  const how = { keyInfo: opts.keyInfo, hash: opts.hash };
  if (sign === 'assertion' || sign === 'both') await signElement(doc, assertion, assertionId, signer, how);
  if (sign === 'response' || sign === 'both') await signElement(doc, root, responseId, signer, how);
  return serializeSaml(doc);
}
