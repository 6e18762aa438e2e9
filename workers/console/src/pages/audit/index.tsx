// /console/audit: (being built).
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';

export const auditPages = new Hono<ConsoleEnv>();
