// The drizzle client for a D1 binding. D1 has no interactive transactions: multi-statement writes go
// through db.batch([...]), which D1 runs atomically.
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Db = DrizzleD1Database<typeof schema>;

export function createDb(d1: D1Database): Db {
  return drizzle(d1, { schema });
}
