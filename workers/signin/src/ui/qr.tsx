// The enrollment QR code as inline SVG (no image request, no script): uqr encodes the otpauth URI and
// each dark run of a row becomes one path segment, so even a large code is a few kilobytes.
import type { FC } from 'hono/jsx';
import { encode } from 'uqr';

export function qrPath(text: string): { size: number; d: string } {
  const { data, size } = encode(text, { ecc: 'M', border: 0 });
  let d = '';
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      let run = 1;
      while (x + run < size && row[x + run]) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run - 1;
    }
  });
  return { size, d };
}

export const QrCode: FC<{ text: string; label: string }> = ({ text, label }) => {
  const { size, d } = qrPath(text);
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <path d={d} fill="#000" />
    </svg>
  );
};
