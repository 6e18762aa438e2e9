// /console/instance-profiles: the account's instance profiles (the one-role containers EC2 uses to pass
// a role to an instance): the list, "create instance profile", and each profile's page with its role,
// tags and deletion. `/new` is routed before `/:name`, so it is never a name.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { profileChangePages } from './changes';
import { profileDeletePages } from './delete';
import { profileDetailPages } from './detail';
import { profileListPages } from './list';
import { newProfilePages } from './new';

export const instanceProfilePages = new Hono<ConsoleEnv>();

instanceProfilePages.route('/new', newProfilePages);
instanceProfilePages.route('/', profileListPages);
instanceProfilePages.route('/', profileChangePages);
instanceProfilePages.route('/', profileDeletePages);
instanceProfilePages.route('/', profileDetailPages);
