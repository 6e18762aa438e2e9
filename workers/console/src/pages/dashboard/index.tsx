// Placeholder until this area's pages land.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { page } from '../../render';

export const dashboardPages = new Hono<ConsoleEnv>();

dashboardPages.get('/', async (c) => {
  const summary = await c.var.iam.call<{ SummaryMap: Record<string, number> }>('GetAccountSummary');
  const status = await c.var.iam.json<unknown>('/security-status');
  return page(c, { title: 'Dashboard' }, <pre>{JSON.stringify({ summary, status }, null, 1)}</pre>);
});
