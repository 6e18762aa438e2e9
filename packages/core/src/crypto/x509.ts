// X.509 certificates as IAM takes them (signing certificates and server certificates): one PEM
// certificate, parsed with @peculiar/x509 (WebCrypto underneath, so it runs in workerd), within its
// validity period, with an RSA or EC key IAM's consumers accept; for server certificates also the
// chain (each certificate signed by the next) and a private key proven to match by a signature.
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API:
// reflect-metadata is imported first for that (it only adds the API, no behaviour).
import 'reflect-metadata';
import { X509Certificate } from '@peculiar/x509';
import { IamError } from '../errors';
import { bytesToHex } from '../util/encoding';
import { integerZero, octetString, pemBlocks, readElement, sequence } from './der';

export interface ParsedCertificate {
  cert: X509Certificate;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, lowercase hex */
  thumbprint: string;
}

const malformed = (message: string) => new IamError('MalformedCertificate', message);
const UNPARSABLE = 'Unable to parse certificate. Please ensure the certificate is in PEM format.';

/** RSA from 1024 bits, and EC P-256 / P-384: what IAM's server-certificate consumers (ELB, CloudFront) accept. */
const MIN_RSA_BITS = 1024;
const MAX_RSA_BITS = 4096;
const EC_CURVES = new Set(['P-256', 'P-384']);

function certificateBlocks(text: string, what: string) {
  try {
    return pemBlocks(text);
  } catch {
    throw malformed(`Unable to parse ${what}. Please ensure the ${what} is in PEM format.`);
  }
}

async function fromDer(der: Uint8Array, now: Date, message: string): Promise<ParsedCertificate> {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    throw malformed(message);
  }
  const thumbprint = bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', der)));
  return { cert, notBefore: cert.notBefore, notAfter: cert.notAfter, thumbprint };
}

/** Exactly one PEM certificate, currently valid, with a usable key; throws AWS's certificate errors. */
export async function parseCertificate(body: string, now: Date): Promise<ParsedCertificate> {
  const blocks = certificateBlocks(body, 'certificate');
  if (blocks.length !== 1 || blocks[0]!.label !== 'CERTIFICATE') throw malformed(UNPARSABLE);
  const parsed = await fromDer(blocks[0]!.der, now, UNPARSABLE);
  if (parsed.notAfter.getTime() <= now.getTime()) throw malformed('The certificate is expired.');
  if (parsed.notBefore.getTime() > now.getTime()) throw malformed('The certificate is not yet valid.');
  keyAlgorithm(parsed.cert);
  return parsed;
}

/** The WebCrypto algorithm of the certificate's key, or InvalidCertificate for a key IAM does not take. */
function keyAlgorithm(cert: X509Certificate): {
  importAs: SubtleCryptoImportKeyAlgorithm;
  sign: SubtleCryptoSignAlgorithm;
} {
  const alg = cert.publicKey.algorithm as { name: string; modulusLength?: number; namedCurve?: string };
  if (alg.name === 'RSASSA-PKCS1-v1_5' || alg.name === 'RSA-PSS' || alg.name === 'RSA-OAEP') {
    const bits = alg.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS)
      throw new IamError(
        'InvalidCertificate',
        `The certificate's RSA key is ${bits} bits; IAM accepts ${MIN_RSA_BITS} to ${MAX_RSA_BITS}.`,
      );
    return { importAs: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' } };
  }
  if (alg.name === 'ECDSA' && alg.namedCurve && EC_CURVES.has(alg.namedCurve)) {
    return { importAs: { name: 'ECDSA', namedCurve: alg.namedCurve }, sign: { name: 'ECDSA', hash: 'SHA-256' } };
  }
  throw new IamError(
    'InvalidCertificate',
    'The certificate key algorithm is not supported: use RSA (1024-4096 bits) or ECDSA P-256 or P-384.',
  );
}

/**
 * The chain: PEM certificates, each the issuer of the one before (the first issued `leaf`), as AWS
 * requires ("must start with the immediate signing certificate, followed by any intermediaries in order").
 */
export async function checkChain(leaf: ParsedCertificate, chain: string, now: Date): Promise<void> {
  const blocks = certificateBlocks(chain, 'certificate chain');
  if (blocks.length === 0 || blocks.some((b) => b.label !== 'CERTIFICATE'))
    throw malformed('Unable to parse certificate chain. Please ensure the certificate chain is in PEM format.');
  let child = leaf.cert;
  for (const [i, block] of blocks.entries()) {
    const issuer = await fromDer(
      block.der,
      now,
      `Unable to parse certificate chain. The index within the chain of the invalid certificate is: ${i}`,
    );
    const signed = await child.verify({ publicKey: issuer.cert.publicKey, signatureOnly: true }).catch(() => false);
    if (!signed)
      throw malformed(
        `Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: ${i}`,
      );
    child = issuer.cert;
  }
}

/** The key's AlgorithmIdentifier from the certificate's SPKI (rsaEncryption, or ecPublicKey + curve). */
function spkiAlgorithmId(cert: X509Certificate): Uint8Array {
  const spki = new Uint8Array(cert.publicKey.rawData);
  const outer = readElement(spki, 0);
  const alg = readElement(spki, outer.contentStart);
  return spki.subarray(outer.contentStart, alg.end);
}

/**
 * The PEM private key (PKCS#8 `PRIVATE KEY`, PKCS#1 `RSA PRIVATE KEY` or SEC1 `EC PRIVATE KEY`) must be
 * the certificate's: it signs a random challenge that the certificate's public key verifies.
 */
export async function checkPrivateKey(leaf: ParsedCertificate, privateKeyPem: string): Promise<void> {
  const unparsable = () => malformed('Unable to parse private key. Please ensure the private key is in PEM format and not encrypted.');
  let blocks: ReturnType<typeof pemBlocks>;
  try {
    blocks = pemBlocks(privateKeyPem);
  } catch {
    throw unparsable();
  }
  const [block, ...more] = blocks;
  if (!block || more.length > 0) throw unparsable();
  const { importAs, sign } = keyAlgorithm(leaf.cert);
  // PKCS#1 and SEC1 keys are the inner key of a PKCS#8 whose algorithm is the certificate's.
  const pkcs8 =
    block.label === 'PRIVATE KEY'
      ? block.der
      : block.label === 'RSA PRIVATE KEY' || block.label === 'EC PRIVATE KEY'
        ? sequence(integerZero(), spkiAlgorithmId(leaf.cert), octetString(block.der))
        : null;
  if (!pkcs8) throw unparsable();
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, importAs, false, ['sign']);
  } catch {
    throw new IamError(
      'KeyPairMismatch',
      'The private key did not match the public key provided. Please verify the key material and try again.',
    );
  }
  const challenge = crypto.getRandomValues(new Uint8Array(32));
  const publicKey = await crypto.subtle.importKey('spki', new Uint8Array(leaf.cert.publicKey.rawData), importAs, false, ['verify']);
  const signature = await crypto.subtle.sign(sign, privateKey, challenge);
  if (!(await crypto.subtle.verify(sign, publicKey, signature, challenge)))
    throw new IamError(
      'KeyPairMismatch',
      'The private key did not match the public key provided. Please verify the key material and try again.',
    );
}
