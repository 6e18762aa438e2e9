// Placeholder until this area's pages land.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { page } from '../../render';
import { accessKeyPages } from '../flows/access-keys';
import { mfaPages } from '../flows/mfa';

export const credentialPages = new Hono<ConsoleEnv>();

// The same credential flows as for a named user, for whoever is signed in (root included).
credentialPages.route('/access-keys', accessKeyPages);
credentialPages.route('/mfa', mfaPages);
credentialPages.get('/', (c) => page(c, { title: 'My security credentials' }, <h1>My security credentials</h1>));
