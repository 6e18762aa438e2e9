// The SQL a deployed database is bootstrapped with: applied (twice) to a real D1, it creates exactly
// one account whose root key authenticates through the IAM API, and never overwrites.
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../packages/core/src/db/schema';
import { newAccountId } from '../packages/core/src/ids';
import { bootstrapSql } from '../packages/core/src/repo/bootstrap-sql';
import { db, serviceKeys } from './helpers';
import { iam } from './iam/clients';

describe('bootstrap SQL for a deployed database', () => {
  it('creates a working account once, and applying another bootstrap changes nothing', async () => {
    const keys = await serviceKeys();
    const accountId = newAccountId();
    const first = await bootstrapSql(keys, { accountId, rootEmail: "o'brien@example.com", now: new Date() });
    await env.DB.exec(
      first.sql
        .split('\n')
        .filter((l) => !l.startsWith('--'))
        .join(' '),
    );
    const root = iam({ accessKeyId: first.secrets.accessKeyId, secretAccessKey: first.secrets.secretAccessKey });
    await expect(root.send(new ListUsersCommand({}))).resolves.toMatchObject({ Users: [] });

    const second = await bootstrapSql(keys, { accountId, rootEmail: 'attacker@example.com', now: new Date() });
    await env.DB.exec(
      second.sql
        .split('\n')
        .filter((l) => !l.startsWith('--'))
        .join(' '),
    );
    const [account] = await db().select().from(s.accounts).where(eq(s.accounts.id, accountId));
    expect(account!.rootEmail).toBe("o'brien@example.com");
    expect(await db().select().from(s.accessKeys).where(eq(s.accessKeys.accountId, accountId))).toHaveLength(1);
  });
});
