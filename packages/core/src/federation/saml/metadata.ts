// SAML 2.0 IdP metadata as CreateSAMLProvider / UpdateSAMLProvider take it: one md:EntityDescriptor whose
// IDPSSODescriptor (SAML 2.0 protocol) lists the signing certificates that responses are verified with.
// AWS's rules: 1,000 to 10,000,000 characters, UTF-8 without a byte order mark, certificates that parse
// with RSA keys of at least 1024 bits. Ours on top: no DTD at all (XXE / entity expansion), a validUntil
// that has not passed, at least one signing certificate (a provider without one could verify nothing).
// Metadata signatures are not checked: the document is trusted because an IAM principal uploaded it.
import { checkSigningCertificate } from './certificates';
import { SamlErrors } from './errors';
import { parseDateTime } from './time';
import { settleSync, type SamlMetadata, type SamlResult } from './types';
import { attr, children, is, NS, parseXml, textOf, type XmlElement } from './xml';

const MIN_LENGTH = 1000;
const MAX_LENGTH = 10_000_000;
const SAML2_PROTOCOL = NS.protocol;

/** KeyDescriptor use="signing", or no use (then the key serves both purposes: SAML metadata 2.4.1.1). */
const isSigningKey = (kd: XmlElement) => {
  const use = attr(kd, 'use');
  return use === null || use === 'signing';
};

/** The X509Certificate texts of a KeyDescriptor (ds:KeyInfo/ds:X509Data/ds:X509Certificate). */
const certificateTexts = (kd: XmlElement): (string | null)[] =>
  children(kd, NS.dsig, 'KeyInfo').flatMap((ki) =>
    children(ki, NS.dsig, 'X509Data').flatMap((xd) => children(xd, NS.dsig, 'X509Certificate').map(textOf)),
  );

export function parseSamlMetadata(xml: string, now: Date): SamlResult<SamlMetadata> {
  return settleSync(() => read(xml, now), SamlErrors.metadataUnparsable());
}

function read(xml: string, now: Date): SamlMetadata {
  if (typeof xml !== 'string') throw SamlErrors.metadataUnparsable();
  if (xml.length < MIN_LENGTH) throw SamlErrors.metadataTooShort();
  if (xml.length > MAX_LENGTH) throw SamlErrors.metadataTooLong();
  if (xml.charCodeAt(0) === 0xfeff) throw SamlErrors.metadataUnparsable();
  const root = parseXml(xml)?.documentElement;
  if (!root) throw SamlErrors.metadataUnparsable();
  if (!is(root, NS.metadata, 'EntityDescriptor')) throw SamlErrors.metadataNotEntityDescriptor();

  // SAML metadata 2.3.2: an entityID is at most 1024 characters
  const entityId = attr(root, 'entityID')?.trim();
  if (!entityId || entityId.length > 1024) throw SamlErrors.metadataNoEntityId();

  const validUntilText = attr(root, 'validUntil');
  const validUntil = parseDateTime(validUntilText);
  if (validUntilText !== null && !validUntil) throw SamlErrors.metadataUnparsable();
  if (validUntil && validUntil.getTime() <= now.getTime()) throw SamlErrors.metadataExpired(validUntil);

  const idps = children(root, NS.metadata, 'IDPSSODescriptor').filter((d) =>
    (attr(d, 'protocolSupportEnumeration') ?? '').split(/\s+/).includes(SAML2_PROTOCOL),
  );
  if (idps.length === 0) throw SamlErrors.metadataNoIdp();

  const certificates: string[] = [];
  for (const kd of idps.flatMap((d) => children(d, NS.metadata, 'KeyDescriptor')).filter(isSigningKey)) {
    for (const text of certificateTexts(kd)) {
      const cert = text === null ? null : checkSigningCertificate(text);
      if (!cert) throw SamlErrors.metadataBadCertificate();
      if (!cert.ok) throw cert.refusal;
      if (!certificates.includes(cert.base64)) certificates.push(cert.base64);
    }
  }
  if (certificates.length === 0) throw SamlErrors.metadataNoSigningCertificate();
  return { entityId, certificates, validUntil };
}
