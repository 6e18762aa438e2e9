import { describe, expect, it } from 'vitest';
import { CREDENTIAL_REPORT_COLUMNS, credentialReportCsv, reportRow, reportTime, type ReportPrincipal } from './credential-report';

const t = (s: string) => new Date(s);
const column = (row: string[], name: (typeof CREDENTIAL_REPORT_COLUMNS)[number]) => row[CREDENTIAL_REPORT_COLUMNS.indexOf(name)];

const user = (over: Partial<ReportPrincipal> = {}): ReportPrincipal => ({
  kind: 'user',
  name: 'tom',
  arn: 'arn:aws:iam::123456789012:user/tom',
  createdAt: t('2026-01-01T00:00:00.123Z'),
  password: null,
  mfaActive: false,
  keys: [],
  ...over,
});

describe('credential report rows', () => {
  it('writes times as AWS does: seconds and +00:00', () => {
    expect(reportTime(t('2026-03-04T05:06:07.890Z'))).toBe('2026-03-04T05:06:07+00:00');
  });

  it('a user without password or keys: N/A everywhere it does not apply', () => {
    const row = reportRow(user(), 90);
    expect(row).toHaveLength(22);
    expect(row).toEqual([
      'tom',
      'arn:aws:iam::123456789012:user/tom',
      '2026-01-01T00:00:00+00:00',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'false',
      'N/A',
    ]);
  });

  it('a password never used is no_information; next rotation needs MaxPasswordAge', () => {
    const p = user({ password: { lastChangedAt: t('2026-01-10T00:00:00Z'), lastUsedAt: null } });
    expect(column(reportRow(p, null), 'password_last_used')).toBe('no_information');
    expect(column(reportRow(p, null), 'password_next_rotation')).toBe('N/A');
    expect(column(reportRow(p, 30), 'password_next_rotation')).toBe('2026-02-09T00:00:00+00:00');
  });

  it('keys: a key never used has N/A for its last use; an inactive key still shows when it was created', () => {
    const row = reportRow(
      user({
        keys: [
          {
            active: true,
            createdAt: t('2026-01-02T00:00:00Z'),
            lastUsedAt: t('2026-01-03T00:00:00Z'),
            lastUsedRegion: 'eu-west-1',
            lastUsedService: 'iam',
          },
          { active: false, createdAt: t('2026-01-04T00:00:00Z'), lastUsedAt: null, lastUsedRegion: null, lastUsedService: null },
        ],
      }),
      null,
    );
    expect(row.slice(8, 18)).toEqual([
      'true',
      '2026-01-02T00:00:00+00:00',
      '2026-01-03T00:00:00+00:00',
      'eu-west-1',
      'iam',
      'false',
      '2026-01-04T00:00:00+00:00',
      'N/A',
      'N/A',
      'N/A',
    ]);
  });

  it('the root user: <root_account> and not_supported for what it has no value for', () => {
    const root = reportRow(
      {
        ...user(),
        kind: 'root',
        name: '',
        arn: 'arn:aws:iam::123456789012:root',
        password: { lastChangedAt: t('2026-01-01T00:00:00Z'), lastUsedAt: null },
      },
      90,
    );
    expect(root.slice(0, 8)).toEqual([
      '<root_account>',
      'arn:aws:iam::123456789012:root',
      '2026-01-01T00:00:00+00:00',
      'not_supported',
      'no_information',
      'not_supported',
      'not_supported',
      'false',
    ]);
  });

  it('the text: header, root first, users by name, commas quoted', () => {
    const csv = credentialReportCsv(
      [user({ name: 'b,c' }), user({ name: 'Ann' }), { ...user(), kind: 'root', arn: 'arn:aws:iam::123456789012:root' }],
      null,
    );
    const lines = csv.split('\n');
    expect(lines[0]).toBe(CREDENTIAL_REPORT_COLUMNS.join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['<root_account>', 'Ann', '"b']);
    expect(lines[3]!.startsWith('"b,c",')).toBe(true);
  });
});
