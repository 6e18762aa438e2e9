// Test-only entry: the gateway as the default export, and the four workers as named entrypoints of
// the same script, so test/wrangler.toml's service bindings are real workerd service bindings.
import { WorkerEntrypoint } from 'cloudflare:workers';
import identity from '../workers/identity/src/index';
import policy from '../workers/policy/src/index';
import signin from '../workers/signin/src/index';
import consoleWorker from '../workers/console/src/index';
import gateway from '../src/gateway';

type Handler = { fetch: (req: Request, env: Cloudflare.Env, ctx: ExecutionContext) => Response | Promise<Response> };

function entrypoint(worker: Handler) {
  return class extends WorkerEntrypoint<Cloudflare.Env> {
    override fetch(request: Request) {
      return worker.fetch(request, this.env, this.ctx);
    }
  };
}

export const Identity = entrypoint(identity as Handler);
export const Policy = entrypoint(policy as Handler);
export const Signin = entrypoint(signin as Handler);
export const Console = entrypoint(consoleWorker as Handler);
export default gateway;
