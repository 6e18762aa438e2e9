// The provider's browser-facing endpoints, mounted among the hosted pages (app.ts: CSRF on
// /oauth2/logout, HTML error pages): the authorization endpoint and RP-initiated logout.
import { Hono } from 'hono';
import type { SigninEnv } from '../context';
import { authorizeRoutes } from './authorize-routes';
import { logoutRoutes } from './logout-routes';

export const oidcBrowser = new Hono<SigninEnv>();

oidcBrowser.route('/', authorizeRoutes);
oidcBrowser.route('/', logoutRoutes);
