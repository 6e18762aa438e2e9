// Seeds benchmark data into a local D1 through wrangler's platform proxy: an account with N users,
// one of whom (`tom`) belongs to group BisDev with AmazonS3ReadOnlyAccess and holds an access key.
import { getPlatformProxy } from 'wrangler';
import { loadServiceKeys } from '../packages/core/src/crypto/keys';
import { seal } from '../packages/core/src/crypto/secret-box';
import { createDb } from '../packages/core/src/db/client';
import * as s from '../packages/core/src/db/schema';
import { newId, newSecretAccessKey } from '../packages/core/src/ids';
import { accessKeySecretContext } from '../packages/core/src/repo/accounts';
import { createLoginProfile } from '../packages/core/src/repo/login-profiles';
import { CONFIGS, ROOT, readDevVars } from './local-env';

const S3_READ_ONLY_ID = 'ANPAIZTJ4DXE7G6AGAE6M';

export interface SeededAccount {
  accountId: string;
  tom: { accessKeyId: string; secretAccessKey: string; password: string };
  root: { accessKeyId: string; secretAccessKey: string };
}

export async function seedAccounts(persistDir: string, specs: { accountId: string; users: number }[]): Promise<SeededAccount[]> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: `${ROOT}/${CONFIGS[0]}`,
    persist: { path: `${persistDir}/v3` },
    remoteBindings: false,
  });
  try {
    const db = createDb(proxy.env.DB);
    const keys = await loadServiceKeys(readDevVars());
    const out: SeededAccount[] = [];
    for (const spec of specs) {
      const now = new Date();
      await db
        .insert(s.accounts)
        .values({ id: spec.accountId, rootEmail: `bench-${spec.accountId}@example.com`, createdAt: now })
        .onConflictDoNothing();
      // Bulk users: D1 binds at most 100 parameters per statement, so 20 rows (4 columns) per insert.
      const rows = Array.from({ length: spec.users - 1 }, (_, i) => ({
        id: newId('user'),
        accountId: spec.accountId,
        name: `user${String(i).padStart(6, '0')}`,
        createdAt: now,
      }));
      for (let i = 0; i < rows.length; i += 20 * 50) {
        const chunk = rows.slice(i, i + 20 * 50);
        const statements = [];
        for (let j = 0; j < chunk.length; j += 20) statements.push(db.insert(s.users).values(chunk.slice(j, j + 20)));
        await db.batch(statements as [never, ...never[]]);
      }
      const tomId = newId('user');
      const groupId = newId('group');
      const keyId = newId('accessKey');
      const secret = newSecretAccessKey();
      await db.batch([
        db.insert(s.users).values({ id: tomId, accountId: spec.accountId, name: 'tom', createdAt: now }),
        db.insert(s.groups).values({ id: groupId, accountId: spec.accountId, name: 'BisDev', createdAt: now }),
        db.insert(s.groupMemberships).values({ groupId, userId: tomId, addedAt: now }),
        db.insert(s.policyAttachments).values({ policyId: S3_READ_ONLY_ID, groupId, attachedAt: now }),
        db.insert(s.accessKeys).values({
          id: keyId,
          accountId: spec.accountId,
          userId: tomId,
          secretCiphertext: await seal(keys.masterKey, secret, accessKeySecretContext(keyId)),
          createdAt: now,
        }),
      ]);
      const rootKeyId = newId('accessKey');
      const rootSecret = newSecretAccessKey();
      await db.insert(s.accessKeys).values({
        id: rootKeyId,
        accountId: spec.accountId,
        userId: null,
        secretCiphertext: await seal(keys.masterKey, rootSecret, accessKeySecretContext(rootKeyId)),
        createdAt: now,
      });
      const password = 'Bench-Password-2026!';
      await createLoginProfile(db, keys.pepper, { userId: tomId, password, passwordResetRequired: false, now });
      out.push({
        accountId: spec.accountId,
        tom: { accessKeyId: keyId, secretAccessKey: secret, password },
        root: { accessKeyId: rootKeyId, secretAccessKey: rootSecret },
      });
    }
    return out;
  } finally {
    await proxy.dispose();
  }
}
