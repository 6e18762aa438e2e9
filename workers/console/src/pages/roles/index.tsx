// /console/roles: (being built).
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';

export const rolePages = new Hono<ConsoleEnv>();
