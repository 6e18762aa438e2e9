// Column helpers shared by the schema files: every timestamp is epoch milliseconds (UTC), every flag
// a 0/1 integer, so the SQL stays readable in `wrangler d1 execute` and drizzle maps both to JS types.
import { integer } from 'drizzle-orm/sqlite-core';

export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const flag = (name: string) => integer(name, { mode: 'boolean' });
