// /console/credential-report: (being built).
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';

export const credentialReportPages = new Hono<ConsoleEnv>();
