// The queries whose cost must not grow with the account: checked against SQLite's own query plan in
// the real D1, so a schema or query change that falls back to a scan or a sort fails here.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readAuditLog } from '../packages/core/src/repo/audit-read';
import { tokenSessionQuery } from '../packages/core/src/repo/signin-sessions';
import { listUsersQuery } from '../packages/core/src/repo/users';
import { db } from './helpers';

async function plan(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join('\n');
}

describe('query plans', () => {
  it('a ListUsers page is an index seek on (account_id, lower(name)), with no sort and no scan', async () => {
    const p = await plan(listUsersQuery(db(), '123456789012', { after: 'tom', limit: 100 }));
    expect(p).toMatch(/SEARCH users USING INDEX users_account_name_unique \(account_id=\? AND <expr>>\?\)/);
    expect(p).not.toMatch(/SCAN users/);
    expect(p).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });

  it('the first page seeks on the account alone', async () => {
    const p = await plan(listUsersQuery(db(), '123456789012', { limit: 100 }));
    expect(p).toMatch(/SEARCH users USING INDEX users_account_name_unique \(account_id=\?\)/);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });

  it("a sign-in token's session (read on every token) is a seek on its public id, its user one on the primary key", async () => {
    const p = await plan(tokenSessionQuery(db(), 'sid', '123456789012', new Date()));
    expect(p).toMatch(/SEARCH signin_sessions USING INDEX signin_sessions_session_id \(session_id=\?\)/);
    expect(p).toMatch(/SEARCH users USING INDEX sqlite_autoindex_users_1 \(id=\?\)/);
    expect(p).not.toMatch(/SCAN/);
  });

  it('an audit-log page seeks on (account_id, at) and reads it backwards, with no sort', async () => {
    const p = await plan(readAuditLog(db(), { accountId: '123456789012', limit: 100, before: { at: Date.now(), id: 10 } }));
    expect(p).toMatch(/SEARCH audit_log USING INDEX audit_log_account_time \(account_id=\?/);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });
});
