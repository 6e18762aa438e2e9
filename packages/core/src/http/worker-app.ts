// The frame every worker shares: request ids, a body-size limit, `GET /health`, and JSON errors
// by default (the identity worker swaps in AWS XML). Route modules are mounted by each worker.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Env } from '../env';
import { IamError } from '../errors';
import { checkHealth } from './health';
import { jsonError } from './json-errors';

export type AppEnv = { Bindings: Env; Variables: { requestId: string } };

export interface WorkerAppOptions {
  name: 'identity' | 'policy' | 'signin' | 'console';
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
}

/** A worker's app; `E` adds the worker's own context variables to the shared ones. */
export function createWorkerApp<E extends AppEnv = AppEnv>({ name, maxBodyBytes }: WorkerAppOptions) {
  const app = new Hono<E>();
  app.use(requestId({ headerName: 'x-request-id' }));
  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new IamError('PayloadTooLarge', `the request body is larger than ${maxBodyBytes} bytes`);
      },
    }),
  );
  app.get('/health', async (c) => {
    const health = await checkHealth(name, c.env);
    return c.json(health, health.ok ? 200 : 503);
  });
  app.notFound((c) => jsonError(c, new IamError('NotFound', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`)));
  app.onError((err, c) => jsonError(c, err));
  return app;
}
