// /console/policies: (being built).
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';

export const policyPages = new Hono<ConsoleEnv>();
