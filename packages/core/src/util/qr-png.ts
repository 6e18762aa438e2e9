// The QR code of an otpauth:// URI as PNG bytes, for CreateVirtualMFADevice's QRCodePNG (AWS returns a
// PNG, and `aws iam create-virtual-mfa-device --bootstrap-method QRCodePNG --outfile x.png` writes those
// bytes straight to disk). uqr computes the module matrix in pure JS; the PNG is written here because
// the PNG libraries on npm either need canvas/Node's zlib or are far larger than the ~50 lines a
// black-and-white image takes: IHDR, one IDAT compressed with workerd's CompressionStream('deflate')
// (zlib format, exactly what PNG requires), IEND, each with its CRC-32.
import { encode } from 'uqr';
import { utf8 } from './encoding';

/** Pixels per QR module, and the quiet zone (in modules) the QR standard asks for around the code. */
const SCALE = 6;
const BORDER = 4;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(utf8.encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A 1-bit grayscale PNG of `matrix` (true = dark module), scaled and with a white quiet zone. */
export async function matrixToPng(matrix: readonly (readonly boolean[])[]): Promise<Uint8Array> {
  const modules = matrix.length + 2 * BORDER;
  const width = modules * SCALE;
  const rowBytes = Math.ceil(width / 8);
  const raw = new Uint8Array((rowBytes + 1) * width); // each row: filter byte 0 (None), then pixels
  for (let y = 0; y < width; y++) {
    const my = Math.floor(y / SCALE) - BORDER;
    const row = raw.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
    row.fill(0xff); // white; in 1-bit grayscale a set bit is white
    for (let x = 0; x < width; x++) {
      const mx = Math.floor(x / SCALE) - BORDER;
      if (matrix[my]?.[mx]) row[x >> 3]! &= ~(0x80 >> (x & 7));
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, width);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, adaptive filtering, no interlace
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', await deflate(raw)),
    chunk('IEND', new Uint8Array()),
  ];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return png;
}

/** The QR code of `text` (error correction M, as authenticator apps scan comfortably) as a PNG. */
export function qrCodePng(text: string): Promise<Uint8Array> {
  return matrixToPng(encode(text, { ecc: 'M', border: 0 }).data);
}
