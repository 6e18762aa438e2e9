// The sign-in worker: hosted pages (HTML, CSRF-protected forms), the programmatic API (JSON), and
// the discovery documents. Security headers cover every response; hosted pages render errors as HTML,
// everything else as JSON through the shared frame.
import { Hono } from 'hono';
import { createWorkerApp } from '@edge-iam/core/http';
import type { SigninEnv } from './context';
import { api } from './routes/api';
import { assets } from './routes/assets';
import { htmlError } from './routes/html-errors';
import { accountPages } from './routes/pages-account';
import { signinPages } from './routes/pages-signin';
import { wellKnown } from './routes/well-known';
import { oidcApi } from './oidc/api-routes';
import { oidcBrowser } from './oidc/browser-routes';
import { csrfProtection, securityHeaders } from '@edge-iam/core/web';

export const app = createWorkerApp({ name: 'signin', maxBodyBytes: 64 * 1024 });

const pages = new Hono<SigninEnv>();
// Every hosted page gets the CSRF token; the API and the discovery documents use no cookies. The
// authorization endpoint takes no CSRF token: apps send browsers to it from their own sites (GET or a
// cross-site POST) by design; what it does with a live session is bounded by exact redirect URIs and PKCE.
for (const path of ['/signin', '/signin/*', '/account', '/account/*', '/signout', '/oauth2/logout/confirm'])
  pages.use(path, csrfProtection());
// RP-initiated logout: GET renders the confirmation (it needs the token); a POST comes from the app's
// site by design (the spec's form_post variant) and only renders the confirmation too; the sign-out
// itself is the CSRF-protected /oauth2/logout/confirm.
pages.on('GET', '/oauth2/logout', csrfProtection());
pages.route('/', signinPages);
pages.route('/', oidcBrowser);
pages.route('/', accountPages);
pages.onError(htmlError);

app.use(securityHeaders());
app.route('/', assets);
app.route('/', wellKnown);
app.route('/', api);
app.route('/', oidcApi);
app.route('/', pages);
