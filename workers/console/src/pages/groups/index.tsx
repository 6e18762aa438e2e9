// Placeholder until this area's pages land.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { page } from '../../render';

export const groupPages = new Hono<ConsoleEnv>();

groupPages.get('/', (c) => page(c, { title: 'groups' }, <h1>groups</h1>));
