// The workers behind the gateway, and what to do when one is not running. Locally each service binding
// reaches a worker of the same `wrangler dev` process (`npm run dev`) or, through wrangler's dev registry,
// a `wrangler dev` running in that worker's folder; when neither runs, wrangler answers the binding with a
// bare 503 (`Worker "edge-iam-identity" not found. Make sure it is running locally.`), which is told apart
// here from anything a worker says itself (every worker's answer carries x-request-id).
import type { WorkerName } from './routes';

export interface GatewayEnv {
  IDENTITY: Fetcher;
  POLICY: Fetcher;
  SIGNIN: Fetcher;
  CONSOLE: Fetcher;
}

export const WORKERS: readonly WorkerName[] = ['identity', 'policy', 'signin', 'console'];

export const BINDING: Record<WorkerName, keyof GatewayEnv> = {
  identity: 'IDENTITY',
  policy: 'POLICY',
  signin: 'SIGNIN',
  console: 'CONSOLE',
};

/** The worker's name in its wrangler.toml (what the dev registry knows it by). */
export const serviceName = (w: WorkerName) => `edge-iam-${w}`;

/** One sentence: which worker is not running, and the two ways to start it. */
export const notRunningMessage = (w: WorkerName) =>
  `the ${w} worker (${serviceName(w)}) is not running: start the whole stack with \`npm run dev\` at the repository root, ` +
  `or run \`npx wrangler dev\` in workers/${w} next to this one`;

/**
 * Whether `res` is wrangler's answer for a binding to a worker that is not running. Consumes nothing:
 * the body is read from a clone, and only for a 503 without a worker's request id.
 */
export async function isNotRunning(res: Response): Promise<boolean> {
  if (res.status !== 503 || res.headers.has('x-request-id')) return false;
  const text = await res.clone().text();
  return /^Worker "[^"]*" not found/.test(text);
}

let warned = false;
/** Says it once in the terminal `wrangler dev` runs in, on the first request that found a worker missing. */
export function warnOnce(w: WorkerName): void {
  if (warned) return;
  warned = true;
  console.warn(`edge-iam gateway: ${notRunningMessage(w)}.`);
}
