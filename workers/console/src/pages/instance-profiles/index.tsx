// /console/instance-profiles: (being built).
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';

export const instanceProfilePages = new Hono<ConsoleEnv>();
