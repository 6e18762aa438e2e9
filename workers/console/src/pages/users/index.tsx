// /console/users: the list, the add-user wizard, each user's detail page, and the credential flows
// (access keys, MFA devices) for a named user. `/new` is mounted before `/:name` so it is never a name.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { accessKeyPages } from '../flows/access-keys';
import { mfaPages } from '../flows/mfa';
import { userDetailPages } from './detail';
import { userListPages } from './list';
import { newUserPages } from './new';

export const userPages = new Hono<ConsoleEnv>();

userPages.route('/', userListPages);
userPages.route('/new', newUserPages);
userPages.route('/:name/access-keys', accessKeyPages);
userPages.route('/:name/mfa', mfaPages);
userPages.route('/', userDetailPages);
