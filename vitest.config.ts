import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Two projects:
// - `workers`: every unit and integration test, run inside workerd against a local D1 with the real
//   migrations applied (test/setup/apply-migrations.ts). The gateway and the three workers are one
//   test script with real service bindings between them (test/wrangler.toml, test/entry.ts).
// - `e2e`: Node-side tests that start the real `npm run dev` stack and drive it from outside, as a
//   developer would (health, the AWS CLI/SDK, the browser).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './test/wrangler.toml' },
            miniflare: { bindings: { TEST_MIGRATIONS: await readD1Migrations('./migrations') } },
          })),
        ],
        test: {
          name: 'workers',
          include: ['packages/*/src/**/*.test.ts', 'workers/*/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', '**/node_modules/**'],
          setupFiles: ['./test/setup/apply-migrations.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
