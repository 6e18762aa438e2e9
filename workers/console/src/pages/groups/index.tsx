// /console/groups: the user-group list, "create group", and each group's page with its members,
// managed and inline policies, and deletion. `/new` is routed before `/:name`, so it is never a name.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { groupDeletePages } from './delete';
import { groupDetailPages } from './detail';
import { groupInlinePages } from './inline';
import { groupListPages } from './list';
import { groupMemberPages } from './members';
import { newGroupPages } from './new';
import { groupPolicyPages } from './policies';

export const groupPages = new Hono<ConsoleEnv>();

groupPages.route('/new', newGroupPages);
groupPages.route('/', groupListPages);
groupPages.route('/', groupMemberPages);
groupPages.route('/', groupPolicyPages);
groupPages.route('/', groupInlinePages);
groupPages.route('/', groupDeletePages);
groupPages.route('/', groupDetailPages);
