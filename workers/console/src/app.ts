// The console worker: administrators' pages under /console, server-rendered with hono/jsx. It stores
// nothing and reads nothing but the sign-in session: every page calls the IAM API as the signed-in
// person (iam-api.ts), so what a person sees and may do is what their policies allow.
import { Hono } from 'hono';
import { IamError } from '@edge-iam/core';
import { createWorkerApp } from '@edge-iam/core/http';
import { csrfProtection, securityHeaders } from '@edge-iam/core/web';
import type { ConsoleEnv } from './env';
import { consoleError } from './errors';
import { dashboardPages } from './pages/dashboard';
import { groupPages } from './pages/groups';
import { credentialPages } from './pages/credentials';
import { settingsPages } from './pages/settings';
import { userPages } from './pages/users';
import { rolePages } from './pages/roles';
import { policyPages } from './pages/policies';
import { instanceProfilePages } from './pages/instance-profiles';
import { serverCertificatePages } from './pages/server-certificates';
import { simulatorPages } from './pages/simulator';
import { credentialReportPages } from './pages/credential-report';
import { auditPages } from './pages/audit';
import { appPages } from './pages/apps';
import { switchRolePages } from './pages/switch-role';
import { requireSession } from './session';
import { SCRIPT, STYLESHEET } from './ui/assets';

export const app = createWorkerApp<ConsoleEnv>({ name: 'console', maxBodyBytes: 256 * 1024 });

app.use(securityHeaders({ scripts: true }));

const asset = (type: string, body: string) => () =>
  new Response(body, { headers: { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'public, max-age=3600' } });
app.get('/console/assets/console.css', asset('text/css', STYLESHEET));
app.get('/console/assets/console.js', asset('text/javascript', SCRIPT));

const pages = new Hono<ConsoleEnv>();
pages.use('*', csrfProtection<ConsoleEnv>(), requireSession);
pages.route('/', dashboardPages);
pages.route('/users', userPages);
pages.route('/groups', groupPages);
pages.route('/account-settings', settingsPages);
pages.route('/roles', rolePages);
pages.route('/policies', policyPages);
pages.route('/instance-profiles', instanceProfilePages);
pages.route('/server-certificates', serverCertificatePages);
pages.route('/simulator', simulatorPages);
pages.route('/credential-report', credentialReportPages);
pages.route('/audit', auditPages);
pages.route('/apps', appPages);
pages.route('/switch-role', switchRolePages);
pages.route('/security-credentials', credentialPages);
// Anything under /console that no page claims.
pages.all('*', (c) => {
  throw new IamError('NotFound', `there is no console page at ${new URL(c.req.url).pathname}`);
});
pages.onError(consoleError);

app.route('/console', pages);
