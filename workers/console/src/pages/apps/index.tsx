// /console/apps: the account's apps (OpenID Connect clients): the list, "Register an app", and each
// app's page with its settings, edit, secret rotation and deletion. Every page calls the identity
// worker's /oauth-clients routes as the signed-in person, so their policies decide what they may do.
// `/new` is routed before `/:id` (client ids start `eiam-`, so it is never one).
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { deleteAppPages } from './delete';
import { appDetailPages } from './detail';
import { editAppPages } from './edit';
import { appListPages } from './list';
import { newAppPages } from './new';
import { rotateSecretPages } from './secret';

export const appPages = new Hono<ConsoleEnv>();

appPages.route('/new', newAppPages);
appPages.route('/', appListPages);
appPages.route('/', editAppPages);
appPages.route('/', rotateSecretPages);
appPages.route('/', deleteAppPages);
appPages.route('/', appDetailPages);
