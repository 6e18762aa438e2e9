// Placeholder until this area's pages land.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { page } from '../../render';

export const settingsPages = new Hono<ConsoleEnv>();

settingsPages.get('/', (c) => page(c, { title: 'settings' }, <h1>settings</h1>));
