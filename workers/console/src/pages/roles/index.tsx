// /console/roles: the role list, the create-role wizard, and each role's page with its trust
// relationships, permissions, tags, switch-role link and deletion. `/new` is mounted before `/:name`,
// so "new" is never taken for a role name (and AWS's names could not hold a slash anyway).
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { roleDetailPages } from './detail';
import { roleListPages } from './list';
import { newRolePages } from './new';

export const rolePages = new Hono<ConsoleEnv>();

rolePages.route('/', roleListPages);
rolePages.route('/new', newRolePages);
rolePages.route('/', roleDetailPages);
