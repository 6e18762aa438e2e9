// /console/roles/:name: one role's page (view.tsx) and every change made from it, each its own route
// that redirects back to its section with a notice, or answers with the page and the API's message.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../../env';
import { deleteRoutes } from './delete';
import { inlineRoutes } from './inline';
import { policyRoutes } from './policies';
import { settingsRoutes } from './settings';
import { tagRoutes } from './tags';
import { trustRoutes } from './trust';
import { renderRole } from './view';

export const roleDetailPages = new Hono<ConsoleEnv>();

roleDetailPages.get('/:name', (c) => renderRole(c, c.req.param('name')));
roleDetailPages.route('/', trustRoutes);
roleDetailPages.route('/', policyRoutes);
roleDetailPages.route('/', inlineRoutes);
roleDetailPages.route('/', tagRoutes);
roleDetailPages.route('/', settingsRoutes);
roleDetailPages.route('/', deleteRoutes);
