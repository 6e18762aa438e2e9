// Creates (or resets) an IAM user with a temporary console password against the local D1, for trying
// the hosted sign-in flow by hand and for the browser test, until the IAM API's CreateLoginProfile
// exists. The user must choose a new password at first sign-in, and gets an inline policy that lets
// it manage its own password and virtual MFA device (AWS's self-service example).
//   npx tsx scripts/signin-user.ts tom [--account-id 123456789012] [--persist-to DIR] [--with-password-policy]
// --with-password-policy also sets a demanding account password policy (12+ characters, all four
// character types, reuse of the last 3 refused) so the forced change has rules to show.
import { parseArgs } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { getPlatformProxy } from 'wrangler';
import { loadServiceKeys } from '../packages/core/src/crypto/keys';
import { generatePassword } from '../packages/core/src/passwords/generator';
import { hashPassword } from '../packages/core/src/crypto/password-hash';
import { createDb } from '../packages/core/src/db/client';
import { inlinePolicies, loginProfiles, users } from '../packages/core/src/db/schema';
import { newId } from '../packages/core/src/ids';
import { createLoginProfile } from '../packages/core/src/repo/login-profiles';
import { putPasswordPolicy } from '../packages/core/src/repo/password-policy';
import { CONFIGS, PERSIST_DIR, ROOT, readDevVars } from './local-env';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'account-id': { type: 'string', default: process.env.IAM_ACCOUNT_ID ?? '123456789012' },
    'persist-to': { type: 'string', default: PERSIST_DIR },
    'with-password-policy': { type: 'boolean', default: false },
  },
});
const name = positionals[0];
if (!name || !/^[\w+=,.@-]{1,64}$/.test(name)) {
  console.error('usage: npx tsx scripts/signin-user.ts <user-name> [--account-id ID] [--persist-to DIR] [--with-password-policy]');
  process.exit(2);
}
const accountId = values['account-id'];

export const SELF_SERVICE_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OwnPassword',
      Effect: 'Allow',
      Action: ['iam:ChangePassword', 'iam:GetAccountPasswordPolicy'],
      Resource: 'arn:aws:iam::*:user/${aws:username}',
    },
    {
      Sid: 'OwnVirtualMfaDevice',
      Effect: 'Allow',
      Action: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices'],
      Resource: ['arn:aws:iam::*:mfa/${aws:username}', 'arn:aws:iam::*:user/${aws:username}'],
    },
  ],
};

const proxy = await getPlatformProxy<{ DB: D1Database }>({
  configPath: `${ROOT}/${CONFIGS[0]}`,
  persist: { path: `${values['persist-to']}/v3` },
  remoteBindings: false,
});
try {
  const keys = await loadServiceKeys(readDevVars());
  const db = createDb(proxy.env.DB);
  const now = new Date();
  const password = generatePassword(20);
  let user = await db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), sql`lower(${users.name}) = lower(${name})`))
    .get();
  if (!user) {
    [user] = await db
      .insert(users)
      .values({ id: newId('user'), accountId, name, createdAt: now })
      .returning();
  }
  const existing = await db.select().from(loginProfiles).where(eq(loginProfiles.userId, user!.id)).get();
  if (existing) {
    await db
      .update(loginProfiles)
      .set({ passwordHash: await hashPassword(keys.pepper, password), passwordResetRequired: true, passwordLastChangedAt: now })
      .where(eq(loginProfiles.userId, user!.id));
  } else {
    await createLoginProfile(db, keys.pepper, { userId: user!.id, password, passwordResetRequired: true, now });
  }
  await db
    .insert(inlinePolicies)
    .values({ accountId, userId: user!.id, name: 'SelfServiceCredentials', document: JSON.stringify(SELF_SERVICE_POLICY), updatedAt: now })
    .onConflictDoNothing();
  if (values['with-password-policy']) {
    await putPasswordPolicy(
      db,
      accountId,
      {
        minimumPasswordLength: 12,
        requireSymbols: true,
        requireNumbers: true,
        requireUppercaseCharacters: true,
        requireLowercaseCharacters: true,
        passwordReusePrevention: 3,
      },
      now,
    );
  }
  console.log(`IAM user ${user!.name} in account ${accountId} has a temporary console password (must be changed at first sign-in):`);
  console.log(`  sign in:   /signin/${accountId}`);
  console.log(`  user name: ${user!.name}`);
  console.log(`  password:  ${password}`);
} finally {
  await proxy.dispose();
}
