// Placeholder until this area's pages land.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { page } from '../../render';

export const credentialPages = new Hono<ConsoleEnv>();

credentialPages.get('/', (c) => page(c, { title: 'credentials' }, <h1>credentials</h1>));
