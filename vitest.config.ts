import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Every test below runs inside workerd, against a local D1 with the real migrations applied
// (test/setup/apply-migrations.ts). Browser and CLI end-to-end tests live in test/e2e and use
// their own config, because they drive a real `wrangler dev` from Node.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './test/wrangler.toml' },
      miniflare: { bindings: { TEST_MIGRATIONS: await readD1Migrations('./migrations') } },
    })),
  ],
  test: {
    include: ['packages/*/src/**/*.test.ts', 'workers/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', '**/node_modules/**'],
    setupFiles: ['./test/setup/apply-migrations.ts'],
    testTimeout: 30_000,
  },
});
