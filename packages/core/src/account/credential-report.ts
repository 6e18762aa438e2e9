// The credential report as AWS writes it: one CSV row per principal (the root user first, as
// `<root_account>`, then every IAM user), with AWS's 22 columns in AWS's order and its placeholder
// words: `N/A` (does not apply: no password, no key, never used), `no_information` (a password that
// was never used to sign in) and `not_supported` (what the root user has no value for). Pure: the
// caller loads the rows (repo/credential-reports) and stores the text.

/** AWS's columns, in AWS's order (IAM User Guide, "Getting credential reports"). */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

/** AWS regenerates a report only when the last one is older than this. */
export const CREDENTIAL_REPORT_MAX_AGE_MS = 4 * 60 * 60 * 1000;

export const ROOT_ROW_NAME = '<root_account>';

export interface ReportAccessKey {
  active: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
}

export interface ReportPrincipal {
  kind: 'root' | 'user';
  /** the user name; ignored for root */
  name: string;
  arn: string;
  createdAt: Date;
  /** null when the principal has no console password */
  password: { lastChangedAt: Date | null; lastUsedAt: Date | null } | null;
  mfaActive: boolean;
  /** oldest first: the first is `access_key_1`, the second `access_key_2` */
  keys: ReportAccessKey[];
  /** X.509 signing certificates, oldest first: `cert_1`, `cert_2` (none when left out) */
  certificates?: ReportCertificate[];
}

export interface ReportCertificate {
  active: boolean;
  uploadedAt: Date;
}

const NA = 'N/A';
const DAY_MS = 24 * 60 * 60 * 1000;

/** ISO 8601 as AWS writes it in the report: seconds precision and an explicit `+00:00` offset. */
export const reportTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');

const bool = (b: boolean) => (b ? 'true' : 'false');
const timeOr = (d: Date | null | undefined, otherwise: string) => (d ? reportTime(d) : otherwise);

function keyColumns(k: ReportAccessKey | undefined): string[] {
  if (!k) return ['false', NA, NA, NA, NA];
  const used = k.lastUsedAt !== null;
  return [
    bool(k.active),
    reportTime(k.createdAt),
    timeOr(k.lastUsedAt, NA),
    used ? (k.lastUsedRegion ?? NA) : NA,
    used ? (k.lastUsedService ?? NA) : NA,
  ];
}

function passwordColumns(p: ReportPrincipal, maxPasswordAgeDays: number | null): string[] {
  const pw = p.password;
  const lastUsed = pw === null ? NA : timeOr(pw.lastUsedAt, 'no_information');
  if (p.kind === 'root') return ['not_supported', lastUsed, 'not_supported', 'not_supported'];
  if (pw === null) return ['false', NA, NA, NA];
  const changed = pw.lastChangedAt;
  const next = changed && maxPasswordAgeDays !== null ? new Date(changed.getTime() + maxPasswordAgeDays * DAY_MS) : null;
  return ['true', lastUsed, timeOr(changed, NA), timeOr(next, NA)];
}

const certColumns = (c: ReportCertificate | undefined): string[] => (c ? [bool(c.active), reportTime(c.uploadedAt)] : ['false', NA]);

/** One row, in CREDENTIAL_REPORT_COLUMNS order. */
export function reportRow(p: ReportPrincipal, maxPasswordAgeDays: number | null): string[] {
  return [
    p.kind === 'root' ? ROOT_ROW_NAME : p.name,
    p.arn,
    reportTime(p.createdAt),
    ...passwordColumns(p, maxPasswordAgeDays),
    bool(p.mfaActive),
    ...keyColumns(p.keys[0]),
    ...keyColumns(p.keys[1]),
    ...certColumns(p.certificates?.[0]),
    ...certColumns(p.certificates?.[1]),
  ];
}

/** RFC 4180 quoting, needed because IAM names may contain `,` (the name pattern allows it). */
function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The report text: the header, the root row, then users by name (case-insensitively, as IAM lists
 * them). `maxPasswordAgeDays` is the account policy's MaxPasswordAge (null: passwords never expire).
 */
export function credentialReportCsv(principals: readonly ReportPrincipal[], maxPasswordAgeDays: number | null): string {
  const ordered = [...principals].sort((a, b) =>
    a.kind === b.kind ? a.name.toLowerCase().localeCompare(b.name.toLowerCase()) : a.kind === 'root' ? -1 : 1,
  );
  const lines = [CREDENTIAL_REPORT_COLUMNS.join(','), ...ordered.map((p) => reportRow(p, maxPasswordAgeDays).map(csvField).join(','))];
  return lines.join('\n');
}
