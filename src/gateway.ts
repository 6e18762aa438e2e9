// The local front door: one origin for all four workers, routing by path over service bindings,
// plus `GET /health` gathering every worker's own health. In production each worker can also be
// deployed on its own route; this gateway is what `npm run dev` serves on http://localhost:8787.
// A browser opening the origin lands on the console; a worker that is not running is named, with how
// to start it, in the answer and in /health (plain `wrangler dev` here starts this gateway alone).
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { IAM_NAMESPACE, wantsJson, xmlErrorResponse } from '@edge-iam/core/aws';
import { IamError } from '@edge-iam/core/errors';
import { jsonError } from '@edge-iam/core/http';
import { workerForPath, type WorkerName } from './routes';
import { BINDING, isNotRunning, notRunningMessage, warnOnce, WORKERS, type GatewayEnv } from './workers';

export type { GatewayEnv } from './workers';

const app = new Hono<{ Bindings: GatewayEnv }>();

/** What a person's browser asks for on navigation; the AWS CLI and SDKs never ask for HTML. */
const wantsHtml = (accept: string | undefined) => /\btext\/html\b/i.test(accept ?? '');

// `GET /` in a browser: the console (which sends a person without a session to sign in). Anything else
// at `/` (the Query API's POST, a GET from an SDK) is the identity worker's, in AWS's words.
app.get('/', async (c, next) => {
  if (wantsHtml(c.req.header('accept'))) return c.redirect('/console', 302);
  await next();
});

app.get('/health', async (c) => {
  const results = await Promise.all(
    WORKERS.map(async (name) => {
      try {
        const res = await c.env[BINDING[name]].fetch(new Request(new URL('/health', c.req.url)));
        if (await isNotRunning(res)) {
          warnOnce(name);
          return [name, { worker: name, ok: false, running: false, error: notRunningMessage(name) }] as const;
        }
        const text = await res.text();
        try {
          return [name, JSON.parse(text) as { ok?: boolean }] as const;
        } catch {
          return [name, { worker: name, ok: false, error: `answered ${res.status}: ${text.slice(0, 120)}` }] as const;
        }
      } catch (e) {
        return [name, { worker: name, ok: false, error: `unreachable: ${e instanceof Error ? e.message : e}` }] as const;
      }
    }),
  );
  const workers = Object.fromEntries(results) as Record<WorkerName, { ok?: boolean }>;
  const ok = results.every(([, h]) => h.ok === true);
  return c.json({ ok, workers }, ok ? 200 : 503);
});

/** The worker's absence in the protocol the caller speaks: AWS XML for the Query API, HTML, or JSON. */
async function notRunningResponse(c: Context, name: WorkerName): Promise<Response> {
  const message = notRunningMessage(name);
  const err = new IamError('ServiceUnavailable', message, { worker: name });
  if (wantsHtml(c.req.header('accept'))) {
    const page = html`<!doctype html>
      <html lang="en">
        <meta charset="utf-8" />
        <title>Not running · edge-iam</title>
        <p>The ${name} worker is not running.</p>
        <p>${message}.</p>
      </html>`;
    return c.html(await page, 503);
  }
  if (name === 'identity' && c.req.method === 'POST' && !wantsJson(c.req.header('accept'))) {
    return xmlErrorResponse(err, crypto.randomUUID(), IAM_NAMESPACE);
  }
  return jsonError(c, err);
}

app.all('*', async (c) => {
  const name = workerForPath(new URL(c.req.url).pathname);
  const res = await c.env[BINDING[name]].fetch(c.req.raw);
  if (!(await isNotRunning(res))) return res;
  warnOnce(name);
  return notRunningResponse(c, name);
});

export default app;
