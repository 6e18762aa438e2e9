// The local front door: one origin for all four workers, routing by path over service bindings,
// plus `GET /health` gathering every worker's own health. In production each worker can also be
// deployed on its own route; this gateway is what `npm run dev` serves on http://localhost:8787.
import { Hono } from 'hono';
import { workerForPath, type WorkerName } from './routes';

export interface GatewayEnv {
  IDENTITY: Fetcher;
  POLICY: Fetcher;
  SIGNIN: Fetcher;
  CONSOLE: Fetcher;
}

const BINDING: Record<WorkerName, keyof GatewayEnv> = { identity: 'IDENTITY', policy: 'POLICY', signin: 'SIGNIN', console: 'CONSOLE' };

const app = new Hono<{ Bindings: GatewayEnv }>();

app.get('/health', async (c) => {
  const names: WorkerName[] = ['identity', 'policy', 'signin', 'console'];
  const results = await Promise.all(
    names.map(async (name) => {
      try {
        const res = await c.env[BINDING[name]].fetch(new Request(new URL('/health', c.req.url)));
        return [name, await res.json()] as const;
      } catch (e) {
        return [name, { worker: name, ok: false, error: `unreachable: ${e instanceof Error ? e.message : e}` }] as const;
      }
    }),
  );
  const workers = Object.fromEntries(results) as Record<WorkerName, { ok: boolean }>;
  const ok = results.every(([, h]) => (h as { ok?: boolean }).ok === true);
  return c.json({ ok, workers }, ok ? 200 : 503);
});

app.all('*', (c) => c.env[BINDING[workerForPath(new URL(c.req.url).pathname)]].fetch(c.req.raw));

export default app;
