// Placeholder until these pages land.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';

export const accessKeyPages = new Hono<ConsoleEnv>();
