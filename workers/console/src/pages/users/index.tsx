// Placeholder until this area's pages land.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { page } from '../../render';

export const userPages = new Hono<ConsoleEnv>();

userPages.get('/', (c) => page(c, { title: 'users' }, <h1>users</h1>));
