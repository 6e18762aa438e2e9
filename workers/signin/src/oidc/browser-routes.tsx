// The provider's browser-facing endpoints: the authorization endpoint and RP-initiated logout.
import { Hono } from 'hono';
import type { SigninEnv } from '../context';

export const oidcBrowser = new Hono<SigninEnv>();
