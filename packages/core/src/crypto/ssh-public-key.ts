// SSH public keys as IAM takes them for CodeCommit: RSA only, in OpenSSH form (`ssh-rsa AAAA... comment`)
// or PEM (SPKI `PUBLIC KEY`, or PKCS#1 `RSA PUBLIC KEY`), at least 2048 bits. Both forms are reduced to
// the key's modulus and exponent, from which come the OpenSSH wire blob (whose MD5, in colon-separated
// hex, is the fingerprint AWS shows) and the SPKI PEM that GetSSHPublicKey returns with Encoding=PEM.
import { IamError } from '../errors';
import { base64ToBytes, base64UrlToBytes, bytesToBase64, bytesToBase64Url, bytesToHex, utf8 } from '../util/encoding';
import { bitString, pemBlocks, RSA_ALGORITHM_ID, sequence, toPem } from './der';

/** AWS's minimum (UploadSSHPublicKey: "The minimum bit-length of the public key is 2048 bits"). */
export const MIN_SSH_RSA_BITS = 2048;
/** What a modulus may reasonably be; beyond this a key is refused rather than imported. */
const MAX_SSH_RSA_BITS = 16384;

export interface SshPublicKey {
  /** the OpenSSH form without a comment: `ssh-rsa <base64 blob>` */
  ssh: string;
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`) */
  pem: string;
  /** MD5 of the wire blob, lowercase hex pairs joined by `:` */
  fingerprint: string;
  bits: number;
}

const unrecognized = () =>
  new IamError('UnrecognizedPublicKeyEncoding', 'The public key encoding format is unsupported or unrecognized. Use ssh-rsa or PEM.');
const invalid = (why: string) => new IamError('InvalidPublicKey', `The public key is malformed or otherwise invalid: ${why}.`);

const RSA_IMPORT = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

function stripZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

function bitLength(n: Uint8Array): number {
  const m = stripZeros(n);
  return m[0] === undefined || m[0] === 0 ? 0 : (m.length - 1) * 8 + (32 - Math.clz32(m[0]));
}

/** An SSH `string`/`mpint` field: a 4-byte length, then the bytes. */
function sshField(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

function mpint(n: Uint8Array): Uint8Array {
  const m = stripZeros(n);
  return (m[0] ?? 0) & 0x80 ? sshField(new Uint8Array([0, ...m])) : sshField(m);
}

function readSshFields(blob: Uint8Array): Uint8Array[] {
  const fields: Uint8Array[] = [];
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let at = 0; at < blob.length;) {
    if (at + 4 > blob.length) throw invalid('truncated key blob');
    const len = view.getUint32(at);
    if (at + 4 + len > blob.length) throw invalid('truncated key blob');
    fields.push(blob.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return fields;
}

/** The modulus and exponent of an SPKI RSA key, through WebCrypto (which does the ASN.1). */
async function rsaFromSpki(spki: Uint8Array): Promise<{ n: Uint8Array; e: Uint8Array }> {
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('spki', spki, RSA_IMPORT, true, ['verify']);
  } catch {
    throw invalid('not an RSA public key');
  }
  const jwk = (await crypto.subtle.exportKey('jwk', key)) as JsonWebKey;
  return { n: base64UrlToBytes(jwk.n!), e: base64UrlToBytes(jwk.e!) };
}

async function fromModulus(n: Uint8Array, e: Uint8Array): Promise<SshPublicKey> {
  const bits = bitLength(n);
  if (bits < MIN_SSH_RSA_BITS) throw invalid(`the key is ${bits} bits; the minimum bit-length is ${MIN_SSH_RSA_BITS}`);
  if (bits > MAX_SSH_RSA_BITS) throw invalid(`the key is ${bits} bits; the maximum here is ${MAX_SSH_RSA_BITS}`);
  const blob = new Uint8Array([...sshField(utf8.encode('ssh-rsa')), ...mpint(e), ...mpint(n)]);
  let spki: Uint8Array;
  try {
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'RSA', n: bytesToBase64Url(stripZeros(n)), e: bytesToBase64Url(stripZeros(e)), ext: true },
      RSA_IMPORT,
      true,
      ['verify'],
    );
    spki = new Uint8Array((await crypto.subtle.exportKey('spki', key)) as ArrayBuffer);
  } catch {
    throw invalid('not a usable RSA key');
  }
  // Workers' WebCrypto offers MD5 for digests (a non-standard extension): AWS's fingerprint is MD5.
  const md5 = new Uint8Array(await crypto.subtle.digest('MD5', blob));
  return {
    ssh: `ssh-rsa ${bytesToBase64(blob)}`,
    pem: toPem('PUBLIC KEY', spki),
    fingerprint: bytesToHex(md5).match(/../g)!.join(':'),
    bits,
  };
}

async function parseOpenSsh(text: string): Promise<SshPublicKey> {
  const [type, b64] = text.split(/\s+/);
  if (type !== 'ssh-rsa' || !b64) throw unrecognized();
  let blob: Uint8Array;
  try {
    blob = base64ToBytes(b64);
  } catch {
    throw invalid('the key is not base64');
  }
  const [name, e, n, ...rest] = readSshFields(blob);
  if (!name || new TextDecoder().decode(name) !== 'ssh-rsa' || !e || !n || rest.length > 0) throw invalid('not an ssh-rsa key blob');
  return fromModulus(n, e);
}

async function parsePem(text: string): Promise<SshPublicKey> {
  let blocks: ReturnType<typeof pemBlocks>;
  try {
    blocks = pemBlocks(text);
  } catch {
    throw invalid('the PEM body is not base64');
  }
  const [block, ...more] = blocks;
  if (!block || more.length > 0) throw unrecognized();
  // PKCS#1 is the SPKI's inner key: wrapped with the rsaEncryption identifier it imports the same way.
  const spki =
    block.label === 'PUBLIC KEY' ? block.der : block.label === 'RSA PUBLIC KEY' ? sequence(RSA_ALGORITHM_ID, bitString(block.der)) : null;
  if (!spki) throw unrecognized();
  const { n, e } = await rsaFromSpki(spki);
  return fromModulus(n, e);
}

/** Parses and checks an uploaded key; throws AWS's UnrecognizedPublicKeyEncoding or InvalidPublicKey. */
export async function parseSshPublicKey(body: string): Promise<SshPublicKey> {
  const text = body.trim();
  return text.startsWith('-----BEGIN') ? parsePem(text) : parseOpenSsh(text);
}
