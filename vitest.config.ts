import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { dirname, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

// The AWS SDK's XML parser has a browser build that needs DOMParser, which workerd lacks; the SDK's
// own pure-JS parser (what it uses under Node) works in workerd, so tests resolve to that one.
const awsSdkXmlParserForWorkerd: Plugin = {
  name: 'aws-sdk-xml-parser-for-workerd',
  enforce: 'pre',
  resolveId(source, importer) {
    if (importer?.includes('@aws-sdk/xml-builder') && /\/xml-parser(\.browser)?(\.js)?$/.test(source)) {
      return resolve(dirname(importer), 'xml-parser.js');
    }
    return undefined;
  },
};

// Two projects:
// - `workers`: every unit and integration test, run inside workerd against a local D1 with the real
//   migrations applied (test/setup/apply-migrations.ts). The gateway and the three workers are one
//   test script with real service bindings between them (test/wrangler.toml, test/entry.ts).
// - `e2e`: Node-side tests that start the real `npm run dev` stack and drive it from outside, as a
//   developer would (health, the AWS CLI/SDK, the browser).
export default defineConfig({
  test: {
    // Vitest runs one file at a time on a 2-core machine by default (cores - 1); the workerd files spend
    // much of their time waiting on D1 and the service bindings, so two at a time is ~1.5x faster.
    maxWorkers: 2,
    projects: [
      {
        plugins: [
          awsSdkXmlParserForWorkerd,
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
          // One workerd per worker process, reused from file to file, instead of one per file: starting
          // workerd and loading the four workers cost ~6 s a file (more than most files' tests). The
          // files then share one local D1 (migrations apply once) and the workers' caches, which
          // the tests allow for: INVARIANT: every test makes its own account (fixtures), and reads
          // only what it made or what the migrations seeded.
          isolate: false,
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
