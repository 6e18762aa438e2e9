// /console/server-certificates: (being built).
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';

export const serverCertificatePages = new Hono<ConsoleEnv>();
