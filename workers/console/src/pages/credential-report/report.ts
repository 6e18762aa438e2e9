// The credential report as GetCredentialReport returns it: base64 `Content` (the CSV's bytes),
// `GeneratedTime`. The bytes are kept exactly for the download; the table reads them as CSV (RFC 4180:
// IAM names may contain commas, so fields can be quoted), header line first.
import type { ConsoleContext } from '../../env';
import { attempt, type IamError } from '../../render';

export interface Report {
  bytes: Uint8Array;
  generatedAt: string;
}

interface ApiReport {
  Content?: string;
  ReportFormat?: string;
  GeneratedTime?: string;
}

function base64Bytes(b64: string): Uint8Array {
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * The stored report; `missing` when none exists yet (ReportNotPresent) or it is still being made
 * (ReportInProgress), so the page can offer Generate. Any other refusal (AccessDenied) is the
 * caller's to show.
 */
export type ReadReport = { report: Report } | { missing: IamError } | { error: IamError };

export async function readReport(c: ConsoleContext): Promise<ReadReport> {
  const got = await attempt(() => c.var.iam.call<ApiReport>('GetCredentialReport'));
  if (!got.ok) {
    if (got.error.code === 'ReportNotPresent' || got.error.code === 'ReportInProgress') return { missing: got.error };
    return { error: got.error };
  }
  const report: Report = {
    bytes: base64Bytes(got.value.Content ?? ''),
    generatedAt: got.value.GeneratedTime ?? '',
  };
  return { report };
}

/** RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** `status_reports_<date>.csv`, as the AWS console names the download (date of generation, UTC). */
export const reportFilename = (generatedAt: string) =>
  `status_reports_${/^\d{4}-\d{2}-\d{2}/.exec(generatedAt)?.[0] ?? new Date().toISOString().slice(0, 10)}.csv`;
