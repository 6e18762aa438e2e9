// A CSV a person downloads from the page that shows a secret once (AWS's credentials.csv and
// accessKeys.csv). The file is a `data:` link built into that page, so the secret never needs to be
// kept on the server or put in a URL the server sees, and the download works without script.
import type { FC } from 'hono/jsx';

const cell = (v: string) => (/[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** RFC 4180 text; cells a spreadsheet would run as formulas are quoted. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export const csvDataUrl = (csv: string) => `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;

export const DownloadCsv: FC<{ filename: string; header: readonly string[]; rows: readonly (readonly string[])[]; label?: string }> = (
  p,
) => (
  <a class="button" href={csvDataUrl(toCsv(p.header, p.rows))} download={p.filename}>
    {p.label ?? 'Download .csv file'}
  </a>
);
