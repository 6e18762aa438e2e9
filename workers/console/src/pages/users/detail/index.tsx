// Placeholder until these pages land.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../../env';

export const userDetailPages = new Hono<ConsoleEnv>();
