// The D1 client. The schema stays inside core: workers reach the database through repo/ only.
export { createDb, type Db } from './client';
