// The few DER (ASN.1) operations key handling needs and WebCrypto lacks: read one element's extent,
// and build the SEQUENCE / BIT STRING / OCTET STRING wrappers that turn PKCS#1 and SEC1 keys into the
// SPKI and PKCS#8 forms WebCrypto imports. Parsing proper is @peculiar/x509's; this only frames bytes.

/** One element at `offset`: its tag, where its content starts and where the element ends. */
export function readElement(der: Uint8Array, offset = 0): { tag: number; contentStart: number; end: number } {
  const tag = der[offset];
  let len = der[offset + 1];
  if (tag === undefined || len === undefined) throw new Error('truncated DER');
  let start = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('unsupported DER length');
    len = 0;
    for (let i = 0; i < n; i++) {
      const b = der[start + i];
      if (b === undefined) throw new Error('truncated DER');
      len = len * 256 + b;
    }
    start += n;
  }
  if (start + len > der.length) throw new Error('truncated DER');
  return { tag, contentStart: start, end: start + len };
}

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

export function element(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const size = parts.reduce((s, p) => s + p.length, 0);
  const head = [tag, ...lengthBytes(size)];
  const out = new Uint8Array(head.length + size);
  out.set(head, 0);
  let at = head.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const sequence = (...parts: Uint8Array[]) => element(0x30, ...parts);
export const bitString = (content: Uint8Array) => element(0x03, new Uint8Array([0]), content);
export const octetString = (content: Uint8Array) => element(0x04, content);
export const integerZero = () => new Uint8Array([0x02, 0x01, 0x00]);

/** AlgorithmIdentifier { rsaEncryption, NULL } */
export const RSA_ALGORITHM_ID = new Uint8Array([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);

/** Every PEM block of `text`, in order: its label and its DER. Throws on a block that is not base64. */
export function pemBlocks(text: string): { label: string; der: Uint8Array }[] {
  const out: { label: string; der: Uint8Array }[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const b64 = m[2]!.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new Error('PEM body is not base64');
    const bin = atob(b64);
    const der = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) der[i] = bin.charCodeAt(i);
    out.push({ label: m[1]!, der });
  }
  return out;
}

export function toPem(label: string, der: Uint8Array): string {
  let bin = '';
  for (const b of der) bin += String.fromCharCode(b);
  const b64 = btoa(bin);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
