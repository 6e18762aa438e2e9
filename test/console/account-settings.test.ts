// The console's account settings: the password policy form with every AWS field, its validation
// against AWS's ranges, "Reset to default", and who may change it. Effects are checked through the
// AWS SDK (GetAccountPasswordPolicy); the page is read as text a person would see.
import { GetAccountPasswordPolicyCommand, type PasswordPolicy, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { iam } from '../iam/clients';
import { account, consoleAsRoot, consoleAsUser, open, submit } from './fixtures';

const PATH = '/console/account-settings';
const UPDATE = `${PATH}/password-policy`;
const RESET = `${PATH}/password-policy/delete`;

type Account = Awaited<ReturnType<typeof account>>;
const sdk = (a: Account) => iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });

/** The policy in force, or null when none is set. */
async function policyOf(a: Account): Promise<PasswordPolicy | null> {
  try {
    return (await sdk(a).send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy ?? null;
  } catch (e) {
    if ((e as Error).name === 'NoSuchEntityException') return null;
    throw e;
  }
}

const STRICT = {
  MinimumPasswordLength: '14',
  RequireUppercaseCharacters: 'on',
  RequireLowercaseCharacters: 'on',
  RequireNumbers: 'on',
  RequireSymbols: 'on',
  AllowUsersToChangePassword: 'on',
  MaxPasswordAge: '90',
  HardExpiry: 'on',
  PasswordReusePrevention: '5',
};

describe('console account settings: password policy', () => {
  it("shows that AWS's default applies when no policy is set, with the form pre-filled from it", async () => {
    const { browser } = await consoleAsRoot();
    const res = await open(browser, PATH);
    expect(res.status).toBe(200);
    expect(res.text).toContain("This account has no password policy, so AWS's default applies");
    expect(res.text).toContain('Three of: uppercase letters, lowercase letters, numbers, symbols');
    expect(res.html).toMatch(/id="MinimumPasswordLength" name="MinimumPasswordLength" value="8"/);
    expect(res.html).not.toMatch(/name="Require\w+" value="on" checked/);
    expect(res.text).not.toContain('Reset to default');
    // Every rule is explained next to its field.
    for (const hint of ['From 6 to 128 characters', 'From 1 to 1095 days', 'From 1 to 24', 'One of these: !'])
      expect(res.text).toContain(hint);
  });

  it('saves every field, which round-trips through GetAccountPasswordPolicy and shows in the summary', async () => {
    const { browser, account: a } = await consoleAsRoot();
    const saved = await submit(browser, UPDATE, STRICT);
    expect(saved.status).toBe(303);
    expect(await policyOf(a)).toEqual({
      MinimumPasswordLength: 14,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      RequireNumbers: true,
      RequireSymbols: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      HardExpiry: true,
      PasswordReusePrevention: 5,
    });
    const page = await open(browser, saved.location!);
    expect(page.text).toContain('The password policy was saved.');
    expect(page.text).toContain('Minimum password length 14 characters');
    expect(page.text).toContain('Password expiration After 90 days');
    expect(page.text).toContain('Not one of the last 5 passwords');
    expect(page.text).toContain('Only an administrator can reset them');
    expect(page.html).toMatch(/name="MaxPasswordAge" value="90"/);
    expect(page.html).toMatch(/name="HardExpiry" value="on" checked/);

    // Unticked boxes and empty numbers turn the rules off again: an update replaces the whole policy.
    expect((await submit(browser, UPDATE, { MinimumPasswordLength: '10', MaxPasswordAge: '', PasswordReusePrevention: '' })).status).toBe(
      303,
    );
    expect(await policyOf(a)).toEqual({
      MinimumPasswordLength: 10,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      RequireNumbers: false,
      RequireSymbols: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
      HardExpiry: false,
    });
    expect((await open(browser, PATH)).text).toContain('Passwords never expire');
  });

  it('each field round-trips on its own', async () => {
    const { browser, account: a } = await consoleAsRoot();
    const flags = [
      'RequireUppercaseCharacters',
      'RequireLowercaseCharacters',
      'RequireNumbers',
      'RequireSymbols',
      'AllowUsersToChangePassword',
      'HardExpiry',
    ] as const;
    for (const flag of flags) {
      expect((await submit(browser, UPDATE, { MinimumPasswordLength: '8', [flag]: 'on' })).status).toBe(303);
      const p = (await policyOf(a))!;
      for (const other of flags) expect(p[other], `${other} after setting ${flag}`).toBe(other === flag);
    }
    for (const [field, value] of [
      ['MinimumPasswordLength', '6'],
      ['MinimumPasswordLength', '128'],
      ['MaxPasswordAge', '1'],
      ['MaxPasswordAge', '1095'],
      ['PasswordReusePrevention', '1'],
      ['PasswordReusePrevention', '24'],
    ] as const) {
      expect((await submit(browser, UPDATE, { MinimumPasswordLength: '8', [field]: value })).status).toBe(303);
      expect((await policyOf(a))![field]).toBe(Number(value));
    }
  });

  it('refuses out-of-range and non-numeric values with field errors, changing nothing', async () => {
    const { browser, account: a } = await consoleAsRoot();
    await sdk(a).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, RequireNumbers: true }));
    const before = await policyOf(a);
    const cases: [Record<string, string>, string, string][] = [
      [{ MinimumPasswordLength: '5' }, 'MinimumPasswordLength', 'Minimum password length must be from 6 to 128 characters'],
      [{ MinimumPasswordLength: '129' }, 'MinimumPasswordLength', 'Minimum password length must be from 6 to 128 characters'],
      [{ MinimumPasswordLength: 'twelve' }, 'MinimumPasswordLength', 'Minimum password length must be a whole number of characters'],
      [{ MinimumPasswordLength: '' }, 'MinimumPasswordLength', 'Enter a minimum password length from 6 to 128 characters'],
      [{ MinimumPasswordLength: '8', MaxPasswordAge: '0' }, 'MaxPasswordAge', 'Password expiration must be from 1 to 1095 days'],
      [{ MinimumPasswordLength: '8', MaxPasswordAge: '1096' }, 'MaxPasswordAge', 'Password expiration must be from 1 to 1095 days'],
      [{ MinimumPasswordLength: '8', MaxPasswordAge: '-3' }, 'MaxPasswordAge', 'Password expiration must be a whole number of days'],
      [
        { MinimumPasswordLength: '8', PasswordReusePrevention: '25' },
        'PasswordReusePrevention',
        'Password reuse prevention must be from 1 to 24 passwords',
      ],
      [
        { MinimumPasswordLength: '8', PasswordReusePrevention: '0' },
        'PasswordReusePrevention',
        'Password reuse prevention must be from 1 to 24 passwords',
      ],
    ];
    for (const [fields, field, message] of cases) {
      const res = await submit(browser, UPDATE, { ...fields, RequireSymbols: 'on' });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.text).toContain('There is a problem');
      expect(res.html).toContain(`<a href="#${field}">${message}</a>`);
      expect(res.html).toContain(`id="${field}-error"`);
      // What was typed comes back, so the person can correct it.
      expect(res.html).toMatch(/name="RequireSymbols" value="on" checked/);
    }
    expect(await policyOf(a)).toEqual(before);
  });

  it("resets to AWS's default by deleting the policy", async () => {
    const { browser, account: a } = await consoleAsRoot();
    await sdk(a).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12 }));
    const page = await open(browser, PATH);
    expect(page.html).toContain(`action="${RESET}"`);
    const reset = await submit(browser, RESET, {});
    expect(reset.status).toBe(303);
    expect(await policyOf(a)).toBeNull();
    const after = await open(browser, reset.location!);
    expect(after.text).toContain("The password policy was deleted. AWS's default password policy applies again.");
    expect(after.text).toContain('This account has no password policy');
  });

  it('a reset with no policy set says there is none', async () => {
    const { browser, account: a } = await consoleAsRoot();
    const res = await submit(browser, RESET, {});
    expect(res.status).toBe(404);
    expect(res.text).toContain(`The Password Policy with domain name ${a.accountId} cannot be found.`);
  });

  it('cross-site request forgery: a stale CSRF token neither updates nor deletes the policy', async () => {
    const { browser, account: a } = await consoleAsRoot();
    await sdk(a).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12 }));
    const before = await policyOf(a);
    const update = await submit(browser, UPDATE, { ...STRICT, MinimumPasswordLength: '6' }, { csrf: 'stale' });
    expect(update.status).toBe(403);
    expect(update.text).toContain('The form expired');
    const reset = await submit(browser, RESET, {}, { csrf: 'stale' });
    expect(reset.status).toBe(403);
    expect(await policyOf(a)).toEqual(before);
  });
});

describe('console account settings: an IAM user without permissions', () => {
  it('sees AccessDenied instead of the policy', async () => {
    const a = await account();
    const { browser } = await consoleAsUser(a.accountId, 'tom');
    const res = await open(browser, PATH);
    expect(res.status).toBe(403);
    expect(res.text).toContain('not authorized to perform: iam:GetAccountPasswordPolicy');
  });

  it('privilege escalation: cannot weaken or delete the password policy', async () => {
    const a = await account();
    await sdk(a).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 16, RequireSymbols: true }));
    const before = await policyOf(a);
    const { browser } = await consoleAsUser(a.accountId, 'tom');
    const update = await submit(browser, UPDATE, { MinimumPasswordLength: '6' });
    expect(update.status).toBe(403);
    expect(update.text).toContain('not authorized to perform: iam:UpdateAccountPasswordPolicy');
    // The form comes back as sent, and the policy panel says why it cannot be shown.
    expect(update.html).toMatch(/name="MinimumPasswordLength" value="6"/);
    expect(update.text).toContain('not authorized to perform: iam:GetAccountPasswordPolicy');
    const reset = await submit(browser, RESET, {});
    expect(reset.status).toBe(403);
    expect(reset.text).toContain('not authorized to perform: iam:DeleteAccountPasswordPolicy');
    expect(await policyOf(a)).toEqual(before);
  });

  it('may change the policy when a policy allows it', async () => {
    const a = await account();
    const { browser } = await consoleAsUser(a.accountId, 'admin', {
      policies: {
        Passwords: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy', 'iam:UpdateAccountPasswordPolicy'], Resource: '*' }],
        }),
      },
    });
    expect((await open(browser, PATH)).status).toBe(200);
    expect((await submit(browser, UPDATE, STRICT)).status).toBe(303);
    expect((await policyOf(a))?.MinimumPasswordLength).toBe(14);
  });
});
