// IdP signing certificates: read from metadata with @peculiar/x509 and checked as IAM checks them, and
// turned into WebCrypto verification keys for one signature algorithm.
//
// What IAM checks (IAM User Guide, "Troubleshooting SAML 2.0 federation": "Could not parse metadata"): the
// certificate parses, an RSA key has at least 1024 bits, and no extension appears twice. What it does not
// check is the validity period: IdP signing certificates are self-signed keys pinned by uploading the
// metadata, AWS documents no date check for them and accepts responses signed with an expired one (IdPs
// such as Entra ID go on signing with them). So neither notBefore nor notAfter is looked at, here or at
// verification; rotating the key means uploading new metadata.
// @peculiar/x509 resolves algorithms through tsyringe, which needs the Reflect metadata API (hence the import).
import 'reflect-metadata';
import { X509Certificate } from '@peculiar/x509';
import { base64ToBytes, bytesToBase64 } from '../../util/encoding';
import { SamlErrors } from './errors';
import type { SamlRefusal } from './types';

const MIN_RSA_BITS = 1024;
const EC_CURVES = new Set(['P-256', 'P-384', 'P-521']);

/** base64 as metadata carries it (line breaks and spaces allowed), to DER; null if it is not base64. */
export function derFromBase64(text: string): Uint8Array | null {
  const compact = text.replace(/[\s]+/g, '');
  if (!compact || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  try {
    return base64ToBytes(compact);
  } catch {
    return null;
  }
}

function parse(der: Uint8Array): X509Certificate | null {
  try {
    return new X509Certificate(der);
  } catch {
    return null;
  }
}

/** A metadata signing certificate as canonical base64 DER, or the refusal IAM gives for it. */
export function checkSigningCertificate(text: string): { ok: true; base64: string } | { ok: false; refusal: SamlRefusal } {
  const der = derFromBase64(text);
  const cert = der && parse(der);
  if (!der || !cert) return { ok: false, refusal: SamlErrors.metadataBadCertificate() };
  const alg = cert.publicKey.algorithm as { name: string; modulusLength?: number; namedCurve?: string };
  if (alg.name.startsWith('RSA')) {
    if ((alg.modulusLength ?? 0) < MIN_RSA_BITS) return { ok: false, refusal: SamlErrors.metadataSmallKey(alg.modulusLength ?? 0) };
  } else if (!(alg.name === 'ECDSA' && EC_CURVES.has(alg.namedCurve ?? ''))) {
    // a key no signature method we verify could use (Ed25519, DSA, ...): refused rather than kept unusable
    return { ok: false, refusal: SamlErrors.metadataKeyType() };
  }
  const types = cert.extensions.map((e) => e.type);
  if (new Set(types).size !== types.length) return { ok: false, refusal: SamlErrors.metadataRepeatedExtension() };
  return { ok: true, base64: bytesToBase64(der) };
}

/** How a signature method verifies: the WebCrypto family and hash (an EC key brings its own curve). */
export interface VerifyAlgorithm {
  family: 'RSASSA-PKCS1-v1_5' | 'ECDSA';
  hash: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
}

/**
 * The certificate's public key imported for `alg`, or null when it cannot verify that algorithm (an RSA
 * key for ECDSA, a malformed certificate). RSA keys are imported with the method's hash because WebCrypto
 * verifies RSASSA with the key's hash, not the call's.
 */
export async function verificationKey(base64Der: string, alg: VerifyAlgorithm): Promise<CryptoKey | null> {
  const der = derFromBase64(base64Der);
  const cert = der && parse(der);
  if (!cert) return null;
  const keyAlg = cert.publicKey.algorithm as { name: string; namedCurve?: string };
  const spki = cert.publicKey.rawData;
  try {
    if (alg.family === 'ECDSA') {
      if (keyAlg.name !== 'ECDSA' || !keyAlg.namedCurve) return null;
      return await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: keyAlg.namedCurve }, false, ['verify']);
    }
    if (!keyAlg.name.startsWith('RSA')) return null;
    return await crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: alg.hash }, false, ['verify']);
  } catch {
    return null;
  }
}
