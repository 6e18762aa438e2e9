// verifySamlResponse: a base64 SAMLResponse (as AssumeRoleWithSAML's SAMLAssertion carries it) to the
// values of its one assertion, or a refusal. A pure pipeline, no I/O: the caller passes the provider's
// certificates, the time, and what it answers to as audience and recipient.
//
//   decode → parse (no DTD) → Response shape, Status Success → ID index (no duplicates) → exactly one
//   Assertion, a child of the Response → every Signature is the one enveloped signature of the Response or
//   of the Assertion, and every one present verifies → the element read is the one the signature covers
//   → Issuer / Destination / subject / conditions / attributes.
//
// Signature wrapping (XSW) is refused structurally, not by searching for the "right" assertion: there is
// one Assertion element in the whole document or nothing is accepted; an ID appears once or nothing is
// accepted; a Signature references its own parent or nothing is accepted; and after verification the
// element looked up by the referenced ID must be that very parent, which is where values are read from.
import { readAssertion } from './assertion';
import { base64ToBytes } from '../../util/encoding';
import { SamlErrors } from './errors';
import { verifyEnvelopedSignature } from './signature';
import { settle, type SamlResult, type VerifiedSamlAssertion, type VerifySamlOptions } from './types';
import {
  attr,
  children,
  descendants,
  hasDtd,
  indexIds,
  is,
  NS,
  onlyChild,
  parseXml,
  trimmedText,
  type XmlDocument,
  type XmlElement,
} from './xml';

/** AssumeRoleWithSAML's SAMLAssertion: at most 100,000 characters (STS API reference). */
const MAX_RESPONSE_LENGTH = 100_000;
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const DEFAULT_SKEW_SECONDS = 300;

const list = (v: string | readonly string[]) => (typeof v === 'string' ? [v] : [...v]);

function decode(samlResponse: string): string {
  if (typeof samlResponse !== 'string') throw SamlErrors.responseNotBase64();
  if (samlResponse.length > MAX_RESPONSE_LENGTH) throw SamlErrors.responseTooLong();
  const compact = samlResponse.replace(/[\r\n\t ]+/g, '');
  if (!compact || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw SamlErrors.responseNotBase64();
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(base64ToBytes(compact));
  } catch {
    throw SamlErrors.responseNotUtf8();
  }
}

/** The root samlp:Response, after its Status says Success. */
function response(doc: XmlDocument): XmlElement {
  const root = doc.documentElement!;
  if (!is(root, NS.protocol, 'Response') || attr(root, 'Version') !== '2.0' || !attr(root, 'ID')) throw SamlErrors.responseNotResponse();
  const status = onlyChild(root, NS.protocol, 'Status');
  const code = status && status !== 'many' ? onlyChild(status, NS.protocol, 'StatusCode') : null;
  const value = code && code !== 'many' ? attr(code, 'Value') : null;
  if (value !== SUCCESS) throw SamlErrors.responseStatus(value ?? 'no StatusCode');
  return root;
}

/** The one Assertion of the document, which must be a child of the Response. */
function theAssertion(root: XmlElement): XmlElement {
  const all = descendants(root);
  if (all.some((el) => is(el, NS.assertion, 'EncryptedAssertion'))) throw SamlErrors.encryptedAssertion();
  const assertions = all.filter((el) => is(el, NS.assertion, 'Assertion'));
  if (assertions.length !== 1 || assertions[0]!.parentNode !== root || !attr(assertions[0]!, 'ID')) throw SamlErrors.assertionCount();
  return assertions[0]!;
}

/** The signatures of the Response and of the Assertion (at most one each); a Signature anywhere else refuses. */
function signatures(root: XmlElement, assertion: XmlElement): { element: XmlElement; signature: XmlElement }[] {
  const found = descendants(root).filter((el) => is(el, NS.dsig, 'Signature'));
  const placed = [root, assertion].flatMap((element) =>
    children(element, NS.dsig, 'Signature').map((signature) => ({ element, signature })),
  );
  if (found.length !== placed.length) throw SamlErrors.signaturePlacement();
  if (new Set(placed.map((p) => p.element)).size !== placed.length) throw SamlErrors.signaturePlacement();
  if (placed.length === 0) throw SamlErrors.notSigned();
  return placed;
}

async function verify(samlResponse: string, opts: VerifySamlOptions): Promise<VerifiedSamlAssertion> {
  const text = decode(samlResponse);
  if (hasDtd(text)) throw SamlErrors.responseDoctype();
  const doc = parseXml(text);
  if (!doc) throw SamlErrors.responseNotXml();
  const root = response(doc);
  const { byId, duplicate } = indexIds(root);
  if (duplicate !== null) throw SamlErrors.duplicateId(duplicate);
  const assertion = theAssertion(root);
  const signed = signatures(root, assertion);

  for (const { element, signature } of signed) {
    const id = attr(element, 'ID')!;
    await verifyEnvelopedSignature(doc, signature, id, opts.certificates);
    // INVARIANT: the element we read from is the one the verified Reference resolves to.
    if (byId.get(id) !== element) throw SamlErrors.signatureInvalid();
  }

  const recipients = list(opts.recipient);
  const values = readAssertion(assertion, attr(assertion, 'ID')!, {
    now: opts.now,
    skewMs: (opts.clockSkewSeconds ?? DEFAULT_SKEW_SECONDS) * 1000,
    audiences: list(opts.audience),
    recipients,
  });

  // Response-level fields are signed only when the Response is; they can refuse but never supply a value.
  const responseIssuer = onlyChild(root, NS.assertion, 'Issuer');
  if (responseIssuer === 'many' || (responseIssuer && trimmedText(responseIssuer) !== values.issuer)) throw SamlErrors.issuerMismatch();
  const destination = attr(root, 'Destination');
  if (destination !== null && !recipients.includes(destination)) throw SamlErrors.destinationMismatch();
  return values;
}

/**
 * Verifies a base64 SAMLResponse: signature (Response or Assertion) by one of `certificates`, exactly one
 * assertion, the signed element being the one read (no wrapping), time window with `clockSkewSeconds`
 * (default 300 as AWS), audience and recipient.
 */
export async function verifySamlResponse(samlResponseBase64: string, opts: VerifySamlOptions): Promise<SamlResult<VerifiedSamlAssertion>> {
  return settle(() => verify(samlResponseBase64, opts), SamlErrors.unreadable());
}
