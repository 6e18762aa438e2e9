// /console/users/:name: one user's detail page (view.tsx) and every change made from it, each its own
// POST route that redirects back to its section with a notice. Mounted after /new, so "new" is never a
// user name here. The user's access keys and MFA devices have their own flows (pages/flows).
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../../env';
import { deleteRoutes } from './routes-delete';
import { membershipRoutes } from './routes-membership';
import { passwordRoutes } from './routes-password';
import { permissionRoutes } from './routes-permissions';
import { serviceCredentialRoutes } from './routes-service-credentials';
import { signingCertificateRoutes } from './routes-signing-certificates';
import { sshKeyRoutes } from './routes-ssh-keys';
import { renderUserDetail } from './view';

export const userDetailPages = new Hono<ConsoleEnv>();

userDetailPages.get('/:name', (c) => renderUserDetail(c, c.req.param('name')));
userDetailPages.route('/', permissionRoutes);
userDetailPages.route('/', membershipRoutes);
userDetailPages.route('/', passwordRoutes);
userDetailPages.route('/', deleteRoutes);
userDetailPages.route('/', sshKeyRoutes);
userDetailPages.route('/', signingCertificateRoutes);
userDetailPages.route('/', serviceCredentialRoutes);
