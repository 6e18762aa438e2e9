// /console/simulator: (being built).
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';

export const simulatorPages = new Hono<ConsoleEnv>();
