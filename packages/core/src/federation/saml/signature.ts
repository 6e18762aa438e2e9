// One enveloped XML signature over a SAML Response or Assertion, checked in two steps:
//
// 1. Shape, from the DOM, before any crypto: exactly one Reference, whose URI is `#` + the ID of the
//    element the Signature sits in; transforms only enveloped-signature and exclusive c14n; SignedInfo
//    canonicalised with exclusive c14n; an allow-listed signature method (RSA PKCS#1 v1.5 or ECDSA with
//    SHA-1/2) and digest. No ds:Object, no XPath/XSLT/Base64 transforms, no HMAC, no c14n-with-comments.
// 2. Crypto, with xmldsigjs: the digest of the referenced element and the SignatureValue, tried against
//    keys from the caller's certificates only. KeyInfo in the message is never used to find a key: a
//    message that brings its own certificate verifies only if that certificate's key is one we were given.
//
// INVARIANT: a Signature verified here covers exactly its parent element (the caller refuses duplicate IDs
// anywhere in the document beforehand, so `#id` can resolve to nothing else).
import { verificationKey, type VerifyAlgorithm } from './certificates';
import { SamlErrors } from './errors';
import { xmldsig } from './xmldsig-runtime';
import { attr, children, NS, type XmlDocument, type XmlElement } from './xml';

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

const SIGNATURE_METHODS: Record<string, VerifyAlgorithm> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { family: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { family: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { family: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { family: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { family: 'ECDSA', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { family: 'ECDSA', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { family: 'ECDSA', hash: 'SHA-512' },
};

const DIGEST_METHODS = new Set([
  'http://www.w3.org/2000/09/xmldsig#sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512',
]);

/** xmldsigjs's verifier with the key lookup taken out: it checks the references, then tries our keys. */
class PinnedKeySignedXml extends xmldsig.SignedXml {
  async verifyWith(keys: CryptoKey[]): Promise<boolean> {
    const root = this.document?.documentElement;
    if (!root) return false;
    try {
      await this.ValidateReferences(root.cloneNode(true) as typeof root); // throws on a digest mismatch
      return await this.ValidateSignatureValue(keys);
    } catch {
      return false;
    }
  }
}

const shape = () => SamlErrors.signatureInvalid();

/** Exactly one child of that name, or a refusal. */
function one(el: XmlElement, localName: string): XmlElement {
  const found = children(el, NS.dsig, localName);
  if (found.length !== 1) throw shape();
  return found[0]!;
}

/** Every element child is one of `allowed` (in the dsig namespace), or a refusal. */
function onlyChildren(el: XmlElement, allowed: string[]) {
  for (const c of children(el)) if (c.namespaceURI !== NS.dsig || !allowed.includes(c.localName ?? '')) throw shape();
}

interface Inspected {
  algorithm: VerifyAlgorithm;
  methodUri: string;
  transformCount: number;
}

/** Step 1: the Signature's shape; returns what the crypto step needs and what xmldsigjs must agree on. */
function inspect(signature: XmlElement, parentId: string): Inspected {
  onlyChildren(signature, ['SignedInfo', 'SignatureValue', 'KeyInfo']);
  one(signature, 'SignatureValue');
  if (children(signature, NS.dsig, 'KeyInfo').length > 1) throw shape();

  const signedInfo = one(signature, 'SignedInfo');
  onlyChildren(signedInfo, ['CanonicalizationMethod', 'SignatureMethod', 'Reference']);
  const c14n = one(signedInfo, 'CanonicalizationMethod');
  if (attr(c14n, 'Algorithm') !== EXC_C14N || children(c14n).length > 0) throw shape();
  const method = one(signedInfo, 'SignatureMethod');
  const methodUri = attr(method, 'Algorithm') ?? '';
  const algorithm = SIGNATURE_METHODS[methodUri];
  if (!algorithm || children(method).length > 0) throw shape();

  const reference = one(signedInfo, 'Reference');
  if (attr(reference, 'URI') !== `#${parentId}`) throw shape();
  onlyChildren(reference, ['Transforms', 'DigestMethod', 'DigestValue']);
  if (!DIGEST_METHODS.has(attr(one(reference, 'DigestMethod'), 'Algorithm') ?? '')) throw shape();
  one(reference, 'DigestValue');

  const transforms = children(one(reference, 'Transforms'));
  const seen = new Set<string>();
  for (const t of transforms) {
    const alg = attr(t, 'Algorithm') ?? '';
    if (t.namespaceURI !== NS.dsig || t.localName !== 'Transform' || seen.has(alg)) throw shape();
    seen.add(alg);
    const extra = children(t);
    if (alg === ENVELOPED && extra.length === 0) continue;
    // exclusive c14n may name prefixes to treat inclusively (ec:InclusiveNamespaces PrefixList), nothing else
    if (alg === EXC_C14N && extra.every((e) => e.namespaceURI === EXC_C14N && e.localName === 'InclusiveNamespaces')) continue;
    throw shape();
  }
  if (!seen.has(ENVELOPED)) throw shape();
  return { algorithm, methodUri, transformCount: transforms.length };
}

/** What xmldsigjs parsed is what we inspected (the same one Reference, method and transforms). */
function sameAsInspected(signed: PinnedKeySignedXml, inspected: Inspected, parentId: string): boolean {
  const info = signed.XmlSignature.SignedInfo;
  const ref = info.References.Count === 1 ? info.References.Item(0) : null;
  return (
    !!ref &&
    ref.Uri === `#${parentId}` &&
    info.CanonicalizationMethod.Algorithm === EXC_C14N &&
    info.SignatureMethod.Algorithm === inspected.methodUri &&
    ref.Transforms.Count === inspected.transformCount
  );
}

/**
 * Verifies `signature`, a child of `parent` (a Response or Assertion with ID `parentId`), against the
 * given certificates. Returns nothing; refuses with AWS's "Response signature invalid" otherwise.
 */
export async function verifyEnvelopedSignature(
  doc: XmlDocument,
  signature: XmlElement,
  parentId: string,
  certificates: readonly string[],
): Promise<void> {
  const inspected = inspect(signature, parentId);
  const keys = (await Promise.all(certificates.map((c) => verificationKey(c, inspected.algorithm)))).filter((k): k is CryptoKey => !!k);
  if (keys.length === 0) throw SamlErrors.signatureInvalid();

  const signed = new PinnedKeySignedXml(doc as never);
  try {
    signed.LoadXml(signature as never);
  } catch {
    throw SamlErrors.signatureInvalid();
  }
  if (!sameAsInspected(signed, inspected, parentId)) throw SamlErrors.signatureInvalid();
  if (!(await signed.verifyWith(keys))) throw SamlErrors.signatureInvalid();
}
