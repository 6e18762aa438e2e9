import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations into migrations/, which wrangler applies
// (`wrangler d1 migrations apply`). Never edit a generated migration; add a new one.
export default defineConfig({
  dialect: 'sqlite',
  schema: './packages/core/src/db/schema.ts',
  out: './migrations',
});
