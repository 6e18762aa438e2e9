// Test key material made on the spot with WebCrypto and @peculiar/x509 (no fixtures from anywhere):
// RSA and EC key pairs, self-signed and CA-issued certificates, their PEM forms, and OpenSSH public keys.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

const DAY = 24 * 60 * 60 * 1000;
export const RSA = (bits = 2048) =>
  ({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: bits }) as const;
export const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

type Alg = ReturnType<typeof RSA> | typeof EC;

export const generateKeys = async (alg: Alg = RSA()) => (await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;

function pem(label: string, der: ArrayBuffer): string {
  let bin = '';
  for (const b of new Uint8Array(der)) bin += String.fromCharCode(b);
  return `-----BEGIN ${label}-----\n${btoa(bin)
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END ${label}-----\n`;
}

export const privateKeyPem = async (keys: CryptoKeyPair) =>
  pem('PRIVATE KEY', (await crypto.subtle.exportKey('pkcs8', keys.privateKey)) as ArrayBuffer);
export const publicKeyPem = async (keys: CryptoKeyPair) =>
  pem('PUBLIC KEY', (await crypto.subtle.exportKey('spki', keys.publicKey)) as ArrayBuffer);

export interface TestCertificate {
  pem: string;
  keys: CryptoKeyPair;
  keyPem: string;
  cert: x509.X509Certificate;
}

/** A certificate for `name`, self-signed or issued by `issuer`, valid from `from` for `days`. */
export async function certificate(
  name: string,
  opts: { alg?: Alg; issuer?: TestCertificate; from?: Date; days?: number; ca?: boolean } = {},
): Promise<TestCertificate> {
  const alg = opts.alg ?? RSA();
  const keys = await generateKeys(alg);
  const notBefore = opts.from ?? new Date(Date.now() - DAY);
  const notAfter = new Date(notBefore.getTime() + (opts.days ?? 365) * DAY);
  const serialNumber = [...crypto.getRandomValues(new Uint8Array(8))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .replace(/^./, '1');
  const extensions = opts.ca ? [new x509.BasicConstraintsExtension(true, undefined, true)] : [];
  const issuer = opts.issuer;
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        serialNumber,
        subject: `CN=${name}`,
        issuer: issuer.cert.subject,
        notBefore,
        notAfter,
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
        signingAlgorithm: issuer.keys.privateKey.algorithm.name === 'ECDSA' ? EC : RSA(),
        extensions,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber,
        name: `CN=${name}`,
        notBefore,
        notAfter,
        signingAlgorithm: alg,
        keys,
        extensions,
      });
  return { pem: cert.toString('pem'), keys, keyPem: await privateKeyPem(keys), cert };
}

/** The OpenSSH form of an RSA public key: `ssh-rsa <base64 of string "ssh-rsa", mpint e, mpint n> comment`. */
export async function opensshPublicKey(keys: CryptoKeyPair, comment = 'test@example'): Promise<{ line: string; blob: Uint8Array }> {
  const jwk = (await crypto.subtle.exportKey('jwk', keys.publicKey)) as JsonWebKey;
  const fromB64Url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const field = (b: Uint8Array) => {
    const out = new Uint8Array(4 + b.length);
    new DataView(out.buffer).setUint32(0, b.length);
    out.set(b, 4);
    return out;
  };
  const mpint = (b: Uint8Array) => field((b[0] ?? 0) & 0x80 ? new Uint8Array([0, ...b]) : b);
  const blob = new Uint8Array([...field(new TextEncoder().encode('ssh-rsa')), ...mpint(fromB64Url(jwk.e!)), ...mpint(fromB64Url(jwk.n!))]);
  let bin = '';
  for (const b of blob) bin += String.fromCharCode(b);
  return { line: `ssh-rsa ${btoa(bin)} ${comment}`, blob };
}
