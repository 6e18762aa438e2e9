import type { D1Migration } from '@cloudflare/vitest-plugin';
import type { Env as ServiceEnv } from '../packages/core/src/env';

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import('./entry');
    }
    interface Env extends ServiceEnv {
      TEST_MIGRATIONS: D1Migration[];
      IDENTITY: Fetcher;
      POLICY: Fetcher;
      SIGNIN: Fetcher;
    }
  }
}
