// The drizzle client for a D1 binding. D1 has no interactive transactions: multi-statement writes go
// through db.batch([...]), which D1 runs atomically.
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Db = DrizzleD1Database<typeof schema>;

// drizzle() walks the whole schema to build its relational config; a binding's client is made once
// per isolate rather than on every request (the hot path of /authorize).
const clients = new WeakMap<D1Database, Db>();

export function createDb(d1: D1Database): Db {
  let db = clients.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    clients.set(d1, db);
  }
  return db;
}
