// The account's STS preferences (SetSecurityTokenServicePreferences): which session tokens the global
// STS endpoint issues, version 1 (valid only in regions enabled by default) or 2 (valid in all regions).
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts } from '../db/schema';

export type GlobalEndpointTokenVersion = 1 | 2;

export const setGlobalEndpointTokenVersionStatement = (db: Db, accountId: string, version: GlobalEndpointTokenVersion) =>
  db.update(accounts).set({ stsGlobalEndpointTokenVersion: version }).where(eq(accounts.id, accountId));
