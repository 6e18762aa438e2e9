// The console's policy simulator, credential report and audit trail: a user's access simulated (allowed,
// implicitly and explicitly denied, with the deciding statement), pasted policies with a missing
// context key, the credential report generated, shown and downloaded byte for byte, the audit trail
// finding a denied attempt and paging, and each page refusing a person without the permission in AWS's
// words while changing nothing.
import { CreateUserCommand, GetCredentialReportCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { iam } from '../iam/clients';
import { consoleAsRoot, consoleAsUser, open, submit } from './fixtures';

async function setup() {
  const { browser, account: a } = await consoleAsRoot();
  const sdk = iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
  return { browser, a, sdk };
}

const REPORTS_POLICY = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadReports', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
      { Sid: 'NotSecrets', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::reports/secret/*' },
    ],
  },
  null,
  2,
);
const OFFICE_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }],
});

/** The simulator form's fields for a principal run. */
const principalRun = (arn: string, fields: Record<string, string>) => ({
  mode: 'principal',
  kind: 'user',
  principal: arn,
  intent: 'run',
  ...fields,
});

describe('console: policy simulator', () => {
  it("simulates a user's inline policy: allowed on its bucket, implicitly denied elsewhere, explicitly denied under a Deny, with the deciding statements", async () => {
    const { browser, a, sdk } = await setup();
    for (const u of ['tom', 'jerry']) await sdk.send(new CreateUserCommand({ UserName: u }));
    await sdk.send(new PutUserPolicyCommand({ UserName: 'tom', PolicyName: 'S3Reports', PolicyDocument: REPORTS_POLICY }));
    const tom = `arn:aws:iam::${a.accountId}:user/tom`;

    // The principal is picked from the account's users, narrowed by name without script.
    const form = await open(browser, '/console/simulator');
    expect(form.status).toBe(200);
    expect(form.html).toContain(`value="${tom}"`);
    const narrowed = await submit(browser, '/console/simulator', {
      mode: 'principal',
      kind: 'user',
      filter: 'to',
      intent: 'list',
      actions: 's3:GetObject',
    });
    expect(narrowed.status).toBe(200);
    expect(narrowed.html).toContain(`value="${tom}"`);
    expect(narrowed.html).not.toContain(`user/jerry"`);
    expect(narrowed.html).toContain('>s3:GetObject</textarea>');
    const roles = await submit(browser, '/console/simulator', { mode: 'principal', kind: 'role', intent: 'list' });
    expect(roles.text).toContain('There are no roles in this account.');

    const run = await submit(
      browser,
      '/console/simulator',
      principalRun(tom, {
        actions: 's3:GetObject',
        resources: ['arn:aws:s3:::reports/q1.csv', 'arn:aws:s3:::other/q1.csv', 'arn:aws:s3:::reports/secret/pay.csv'].join('\n'),
      }),
    );
    expect(run.status, run.text).toBe(200);
    expect(run.text).toContain('1 allowed, 1 denied explicitly, 1 denied implicitly.');
    expect(run.text).toMatch(
      /s3:GetObject arn:aws:s3:::reports\/q1\.csv Allowed .*S3Reports \(inline policy of the user\), statement at lines 4/,
    );
    expect(run.text).toMatch(/arn:aws:s3:::other\/q1\.csv Denied implicitly no statement allows it No statement matched/);
    expect(run.text).toMatch(
      /arn:aws:s3:::reports\/secret\/pay\.csv Denied explicitly a Deny statement applies S3Reports \(inline policy of the user\), statement at lines 10/,
    );
    // The form comes back as typed, so the person can change one thing and run again.
    expect(run.html).toContain(`value="${tom}" checked`);

    // Many results page with the API's Marker, each page asking exactly what the first did.
    const first = await submit(
      browser,
      '/console/simulator',
      principalRun(tom, { actions: 's3:GetObject, s3:PutObject\niam:CreateUser', page_size: '2' }),
    );
    expect(first.status, first.text).toBe(200);
    expect(first.text).toContain('s3:GetObject');
    expect(first.text).not.toContain('iam:CreateUser *');
    const marker = /name="marker" value="([^"]+)"/.exec(first.html)?.[1];
    expect(marker).toBeTruthy();
    const second = await submit(
      browser,
      '/console/simulator',
      principalRun(tom, { actions: 's3:GetObject, s3:PutObject\niam:CreateUser', page_size: '2', marker: marker!, page_number: '2' }),
    );
    expect(second.status, second.text).toBe(200);
    expect(second.text).toContain('Results, page 2');
    expect(second.text).toMatch(/iam:CreateUser \* Denied implicitly/);
    expect(second.html).not.toContain('name="marker"');

    // Bad input: the message beside the field, 400, and no simulation.
    const cases: [Record<string, string>, string, string][] = [
      [{ actions: '' }, 'actions', 'Enter at least one action, for example s3:GetObject'],
      [{ actions: 'GetObject' }, 'actions', '“GetObject” is not an action'],
      [
        { actions: Array.from({ length: 101 }, (_, i) => `s3:Action${i}`).join('\n') },
        'actions',
        'Enter at most 100 actions (you entered 101)',
      ],
      [{ actions: 's3:GetObject', resources: 'reports/q1.csv' }, 'resources', '“reports/q1.csv” is not a resource ARN'],
      [{ actions: 's3:GetObject', ctx_key_0: 'ip', ctx_values_0: '1.2.3.4' }, 'ctx_key_0', '“ip” is not a context key'],
      [{ actions: 's3:GetObject', page_size: '0' }, 'page_size', 'Enter a number of results per page from 1 to 1000'],
    ];
    for (const [fields, field, message] of cases) {
      const bad = await submit(browser, '/console/simulator', principalRun(tom, fields));
      expect(bad.status, message).toBe(400);
      expect(bad.text).toContain(message);
      expect(bad.html).toContain(`href="#${field}"`);
      expect(bad.text).not.toContain('Simulation results');
    }
    const nobody = await submit(browser, '/console/simulator', { mode: 'principal', kind: 'user', intent: 'run', actions: 's3:GetObject' });
    expect(nobody.status).toBe(400);
    expect(nobody.text).toContain('Choose the user whose policies to simulate');
    const gone = await submit(
      browser,
      '/console/simulator',
      principalRun(`arn:aws:iam::${a.accountId}:user/ghost`, { actions: 's3:GetObject' }),
    );
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('The user with name ghost cannot be found.');
  });

  it('simulates pasted policies: a missing context key is reported with a row ready for it, and its value decides', async () => {
    const { browser } = await setup();
    const custom = (fields: Record<string, string>) => ({
      mode: 'custom',
      intent: 'run',
      policy_0: OFFICE_ONLY,
      actions: 's3:GetObject',
      ...fields,
    });

    const keys = await submit(browser, '/console/simulator', { mode: 'custom', intent: 'keys', policy_0: OFFICE_ONLY });
    expect(keys.status, keys.text).toBe(200);
    expect(keys.text).toContain('The policies use: aws:SourceIp');
    expect(keys.html).toContain('name="ctx_key_0" value="aws:SourceIp"');

    const missing = await submit(browser, '/console/simulator', custom({}));
    expect(missing.status, missing.text).toBe(200);
    expect(missing.text).toMatch(
      /s3:GetObject \* Denied implicitly .* aws:SourceIp A condition needs this key: add a value under Context keys/,
    );
    expect(missing.html).toContain('name="ctx_key_0" value="aws:SourceIp"');
    expect(missing.html).toMatch(/<option value="ip" selected/);

    const inOffice = await submit(
      browser,
      '/console/simulator',
      custom({ ctx_key_0: 'aws:SourceIp', ctx_type_0: 'ip', ctx_values_0: '203.0.113.7' }),
    );
    expect(inOffice.status, inOffice.text).toBe(200);
    expect(inOffice.text).toMatch(/s3:GetObject \* Allowed .*pasted policy 1 , statement at line 1, column \d+/);
    expect(inOffice.html).toContain('href="#policy_0"');
    // A pasted permissions boundary that does not cover the action: denied, and the boundary says so.
    const bounded = await submit(
      browser,
      '/console/simulator',
      custom({
        ctx_key_0: 'aws:SourceIp',
        ctx_type_0: 'ip',
        ctx_values_0: '203.0.113.7',
        boundary: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }),
      }),
    );
    expect(bounded.status, bounded.text).toBe(200);
    expect(bounded.text).toMatch(/s3:GetObject \* Denied implicitly .*The permissions boundary does not allow it/);
    const away = await submit(
      browser,
      '/console/simulator',
      custom({ ctx_key_0: 'aws:SourceIp', ctx_type_0: 'ip', ctx_values_0: '198.51.100.1' }),
    );
    expect(away.text).toMatch(/s3:GetObject \* Denied implicitly/);

    // What only the service can judge comes back in its words, beside the field it names.
    const badValue = await submit(
      browser,
      '/console/simulator',
      custom({ ctx_key_0: 'aws:SourceIp', ctx_type_0: 'ip', ctx_values_0: 'nope' }),
    );
    expect(badValue.status).toBe(400);
    expect(badValue.text).toContain("Context key aws:SourceIp of type ip has the value 'nope'");
    expect(badValue.html).toContain('id="ctx_values_0-error"');
    const malformed = await submit(browser, '/console/simulator', custom({ policy_0: '{"Version": "2012-10-17", "Statement": [' }));
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('PolicyInputList.1 is not a valid identity-based policy');
    expect(malformed.html).toContain('id="policy_0-error"');
    const none = await submit(browser, '/console/simulator', { mode: 'custom', intent: 'run', actions: 's3:GetObject' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Paste at least one policy to simulate');
  });
});

describe('console: credential report', () => {
  it('generates the report, shows it as a table, and downloads the CSV exactly as the API returns it', async () => {
    const { browser, a, sdk } = await setup();
    await sdk.send(new CreateUserCommand({ UserName: 'tom' }));

    const before = await open(browser, '/console/credential-report');
    expect(before.status).toBe(200);
    expect(before.text).toContain('There is no credential report yet.');

    const generated = await submit(browser, '/console/credential-report/generate', {});
    expect(generated.status).toBe(303);
    const shown = await open(browser, generated.location!);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Report state: STARTED.');
    expect(shown.text).toMatch(/Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    expect(shown.text).toContain('User ARN Created Password enabled Password last used');
    expect(shown.text).toContain(`Root user arn:aws:iam::${a.accountId}:root`);
    expect(shown.text).toMatch(
      new RegExp(`tom arn:aws:iam::${a.accountId}:user/tom \\d{4}-\\d{2}-\\d{2} [\\d:]+ UTC No N/A N/A N/A No No`),
    );
    expect(shown.html).toContain('href="/console/users/tom"');

    // A second Generate within 4 hours keeps the report, as AWS does.
    const again = await open(browser, (await submit(browser, '/console/credential-report/generate', {})).location!);
    expect(again.text).toContain('Report state: COMPLETE.');

    const res = await browser.get('/console/credential-report/download');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="status_reports_\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await res.text();
    const api = new TextDecoder().decode((await sdk.send(new GetCredentialReportCommand({}))).Content);
    expect(csv).toBe(api);
    const [header, ...rows] = csv.split('\n');
    expect(header).toMatch(
      /^user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,/,
    );
    expect(rows.find((r) => r.startsWith('tom,'))).toMatch(
      new RegExp(`^tom,arn:aws:iam::${a.accountId}:user/tom,\\d{4}-[^,]+,false,N/A,N/A,N/A,false,false,`),
    );
  });
});

describe('console: audit trail', () => {
  it('finds a denied attempt by outcome and action, pages with the marker, and answers bad filters with 400', async () => {
    const { browser, a, sdk } = await setup();
    const { user: mallory } = await consoleAsUser(a.accountId, 'mallory').then(async (m) => {
      expect((await open(m.browser, '/console/credential-report')).status).toBe(403);
      return m;
    });
    for (const u of ['u1', 'u2', 'u3']) await sdk.send(new CreateUserCommand({ UserName: u }));

    // Denials are written after the response (waitUntil): look until the entry is there.
    const deniedUrl = '/console/audit?outcome=AccessDenied&action=iam:GetCredentialReport';
    let denied = await open(browser, deniedUrl);
    for (let i = 0; i < 20 && !denied.text.includes(mallory.arn); i++) {
      await new Promise((r) => setTimeout(r, 100));
      denied = await open(browser, deniedUrl);
    }
    expect(denied.status).toBe(200);
    expect(denied.text).toMatch(new RegExp(`${mallory.arn.replace(/[/]/g, '\\/')} .*iam:GetCredentialReport .*Access denied`));
    expect(denied.text).not.toContain('iam:CreateUser (show only this action)');
    expect(denied.html).toContain('<option value="AccessDenied" selected');
    expect(denied.html).toContain('<summary>Full entry');
    expect(denied.text).toContain('User agent edge-iam-console');

    // Paging: two entries a page, "Older entries" follows the API's marker, never repeating an entry.
    const page1 = await open(browser, '/console/audit?action=iam:CreateUser&maxItems=2');
    const targets = (html: string) => [...html.matchAll(/<td class="mono">arn:aws:iam::\d{12}:user\/(u\d)<\/td>/g)].map((m) => m[1]);
    expect(targets(page1.html)).toEqual(['u3', 'u2']);
    const older = /href="([^"]*marker=[^"]+)">Older entries/.exec(page1.html)?.[1]?.replace(/&amp;/g, '&');
    expect(older).toBeTruthy();
    const page2 = await open(browser, older!);
    expect(page2.status).toBe(200);
    expect(targets(page2.html)).toEqual(['u1']);
    expect(page2.text).toContain('Newest entries');
    expect(page2.html).not.toContain('>Older entries</a>');

    // Times are UTC: a window around now finds the entries, one in the future finds none.
    const now = new Date();
    const local = (d: Date) => d.toISOString().slice(0, 16);
    const window = await open(
      browser,
      `/console/audit?action=iam:CreateUser&since=${local(new Date(now.getTime() - 600_000))}&until=${local(new Date(now.getTime() + 120_000))}`,
    );
    expect(window.text).toContain('user/u1');
    const future = await open(browser, `/console/audit?since=${local(new Date(now.getTime() + 3_600_000))}`);
    expect(future.text).toContain('No entries match the filters.');

    const cases: [string, string, string][] = [
      ['since=2026-02-30T10:00', 'since', 'Enter the start as a date and time'],
      ['since=yesterday', 'since', 'Enter the start as a date and time'],
      ['since=2026-03-02T10:00&until=2026-03-01T10:00', 'until', 'The end must be after the start'],
      ['action=CreateUser', 'action', 'Enter one action as service:name, for example iam:CreateUser'],
      ['actor=tom', 'actor', 'Enter the ARN of who acted'],
      ['outcome=Maybe', 'outcome', 'Choose Success, AccessDenied or Failure'],
      ['maxItems=0', 'maxItems', 'Enter a number of entries per page from 1 to 1000'],
    ];
    for (const [query, field, message] of cases) {
      const bad = await open(browser, `/console/audit?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.text).toContain(message);
      expect(bad.html).toContain(`href="#${field}"`);
      expect(bad.html).toContain(`id="${field}-error"`);
    }
    const stale = await open(browser, '/console/audit?marker=not-a-marker');
    expect(stale.status).toBe(400);
    expect(stale.text).toContain('Invalid marker: use the marker value from a previous response.');
  });
});

describe('console: reports refuse people without the permission', () => {
  it('AccessDenied: a user with no IAM permissions sees AWS’s message (403) on every page and changes nothing', async () => {
    const { a, sdk } = await setup();
    const { browser } = await consoleAsUser(a.accountId, 'intruder');
    const denied = (action: string) => `is not authorized to perform: iam:${action}`;

    const picker = await open(browser, '/console/simulator');
    expect(picker.status).toBe(200);
    expect(picker.text).toContain(`The user list cannot be shown: User: arn:aws:iam::${a.accountId}:user/intruder ${denied('ListUsers')}`);
    expect(picker.html).toContain('name="principal_arn"');
    const sim = await submit(browser, '/console/simulator', {
      mode: 'principal',
      kind: 'user',
      intent: 'run',
      principal_arn: `arn:aws:iam::${a.accountId}:user/intruder`,
      actions: 'iam:CreateUser',
    });
    expect(sim.status).toBe(403);
    expect(sim.text).toContain(denied('SimulatePrincipalPolicy'));
    const custom = await submit(browser, '/console/simulator', {
      mode: 'custom',
      intent: 'run',
      policy_0: OFFICE_ONLY,
      actions: 's3:GetObject',
    });
    expect(custom.status).toBe(403);
    expect(custom.text).toContain(denied('SimulateCustomPolicy'));
    const keys = await submit(browser, '/console/simulator', { mode: 'custom', intent: 'keys', policy_0: OFFICE_ONLY });
    expect(keys.status).toBe(403);
    expect(keys.text).toContain(denied('GetContextKeysForCustomPolicy'));

    const report = await open(browser, '/console/credential-report');
    expect(report.status).toBe(403);
    expect(report.text).toContain(denied('GetCredentialReport'));
    const generate = await submit(browser, '/console/credential-report/generate', {});
    expect(generate.status).toBe(403);
    expect(generate.text).toContain(denied('GenerateCredentialReport'));
    await expect(sdk.send(new GetCredentialReportCommand({}))).rejects.toThrow(/Credential report not present/);
    const download = await browser.get('/console/credential-report/download');
    expect(download.status).toBe(403);
    expect(await download.text()).toContain(denied('GetCredentialReport'));

    const audit = await open(browser, '/console/audit');
    expect(audit.status).toBe(403);
    expect(audit.text).toContain(denied('GetAuditLog'));
    expect(audit.html).toContain('name="since"');
  });
});
