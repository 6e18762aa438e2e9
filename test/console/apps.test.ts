// The console's "Apps (OpenID Connect)" area, driven as a browser with JavaScript off would: plain form
// posts with the CSRF token. An administrator registers an app and keeps its secret (shown once, with
// a .csv), edits it, rotates the secret and deletes the app, each change after a confirmation; a refused
// form comes back with the message beside the field and nothing changed (checked in D1 through the
// core repository); a person without permission sees AWS's AccessDenied text and changes nothing.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { IamError } from '../../packages/core/src/errors';
import {
  findClient,
  listClients,
  MAX_OAUTH_CLIENTS_PER_ACCOUNT,
  newClient,
  verifyClientSecret,
} from '../../packages/core/src/repo/oauth-clients';
import { apiFieldError } from '../../workers/console/src/pages/apps/rules';
import { db } from '../helpers';
import { sign } from '../policy/forwarded';
import { account, consoleAsRoot, consoleAsUser, open, submit } from './fixtures';

const unescape = (s: string) =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The client id, secret and CSV a "registered" or "new secret" page carries. */
function shown(html: string) {
  const id = html.match(/<code id="client-id">([^<]+)<\/code>/)?.[1];
  const secret = html.match(/<code id="client-secret">([^<]+)<\/code>/)?.[1];
  const csvHref = html.match(/href="(data:text\/csv[^"]+)"/)?.[1];
  const csv = csvHref ? decodeURIComponent(unescape(csvHref).replace(/^data:text\/csv;charset=utf-8,/, '')) : undefined;
  const snippet = html.match(/<code id="oidc-snippet">([\s\S]*?)<\/code>/)?.[1];
  return { id: id && unescape(id), secret: secret && unescape(secret), csv, snippet: snippet && unescape(snippet) };
}

/** A field's message as the page shows it beside the field. */
const fieldError = (html: string, field: string) =>
  unescape(html.match(new RegExp(`<p class="field-error" id="${field}-error">[\\s\\S]*?Error: </span>([^<]*)</p>`))?.[1] ?? '');

const WEB_APP = {
  name: 'Billing portal',
  client_type: 'confidential',
  redirect_uris: 'https://billing.example.com/auth/callback\r\nhttp://localhost:3000/auth/callback',
  post_logout_redirect_uris: 'https://billing.example.com/',
  scope: 'profile',
  access_token_ttl: '900',
  id_token_ttl: '900',
  refresh_token_ttl: '43200',
};

async function setup() {
  const { browser, account: a } = await consoleAsRoot();
  return { browser, accountId: a.accountId };
}

const apps = (accountId: string) => listClients(db(), accountId);

describe('console: registering an app', () => {
  it('the area is in the navigation; the empty list offers registration and shows the issuer and discovery URL', async () => {
    const { browser } = await setup();
    const list = await open(browser, '/console/apps');
    expect(list.status).toBe(200);
    expect(list.html).toMatch(/<a href="\/console\/apps" aria-current="page">Apps \(OpenID Connect\)<\/a>/);
    expect(list.text).toContain('No apps are registered yet.');
    expect(list.html).toContain('href="/console/apps/new"');
    expect(list.html).toContain('<code id="oidc-issuer">http://localhost</code>');
    expect(list.html).toContain('<code id="oidc-discovery-url">http://localhost/.well-known/openid-configuration</code>');
    expect((await open(browser, '/console')).html).toContain('href="/console/apps"');
  });

  it('registers a confidential app with JavaScript off: the secret is shown once with a .csv, stored only as a hash', async () => {
    const { browser, accountId } = await setup();
    const form = await open(browser, '/console/apps/new');
    expect(form.status).toBe(200);
    expect(form.html).toContain('action="/console/apps/new"');
    expect(form.html).toContain('name="csrf_token"');
    expect(form.text).toContain('Confidential: a web app with a server');
    expect(form.text).toContain('Public: a single-page, mobile or desktop app');
    expect(form.html).toContain('value="900"');

    const res = await submit(browser, '/console/apps/new', WEB_APP);
    expect(res.status).toBe(200);
    const got = shown(res.html);
    expect(got.id).toMatch(/^eiam-[a-z2-7]{20}$/);
    expect(got.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.text).toContain('This is the only time the client secret can be viewed or downloaded');
    expect(res.html).toContain('download="billing-portal_client.csv"');
    expect(got.csv).toBe(`Client ID,Client secret,Issuer\r\n${got.id},${got.secret},http://localhost\r\n`);
    // The developer's snippet names this app, never its secret.
    expect(got.snippet).toContain(`client.discovery(new URL('http://localhost'), '${got.id}', process.env.OIDC_CLIENT_SECRET`);
    expect(got.snippet).toContain("redirect_uri: 'https://billing.example.com/auth/callback', scope: 'openid profile'");
    expect(got.snippet).not.toContain(got.secret);
    expect(got.snippet!.split('\n')).toHaveLength(10);

    const [stored] = await apps(accountId);
    expect(stored).toMatchObject({
      clientId: got.id,
      name: 'Billing portal',
      clientType: 'confidential',
      redirectUris: ['https://billing.example.com/auth/callback', 'http://localhost:3000/auth/callback'],
      postLogoutRedirectUris: ['https://billing.example.com/'],
      scopes: ['openid', 'profile'],
    });
    expect(stored!.secretHash).not.toContain(got.secret);
    expect(await verifyClientSecret(stored!, got.secret!)).toBe(true);

    // Afterwards the app is listed and has its page, neither with the secret.
    const list = await open(browser, '/console/apps');
    expect(list.text).toContain(`Billing portal ${got.id} Confidential (has a secret)`);
    const detail = await open(browser, `/console/apps/${got.id}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('Redirect URIs https://billing.example.com/auth/callback http://localhost:3000/auth/callback');
    expect(detail.text).toContain('Access token lifetime 900 seconds (15 minutes)');
    expect(detail.text).toContain('Refresh token lifetime 43200 seconds (12 hours)');
    expect(detail.html).not.toContain(got.secret);
    expect(list.html).not.toContain(got.secret);
  });

  it('registers a public app: no secret, and the snippet authenticates with PKCE alone', async () => {
    const { browser, accountId } = await setup();
    const res = await submit(browser, '/console/apps/new', {
      ...WEB_APP,
      name: 'Field app',
      client_type: 'public',
      redirect_uris: 'com.example.fieldapp:/oauth2redirect',
      post_logout_redirect_uris: '',
      scope: '',
    });
    expect(res.status).toBe(200);
    const got = shown(res.html);
    expect(got.secret).toBeUndefined();
    expect(got.csv).toBeUndefined();
    expect(res.text).toContain('None: a public app has no secret.');
    expect(got.snippet).toContain(`'${got.id}', undefined, client.None(), { execute: [client.allowInsecureRequests] });`);
    expect(got.snippet).toContain("scope: 'openid'");
    expect(await apps(accountId)).toEqual([expect.objectContaining({ clientType: 'public', secretHash: null, scopes: ['openid'] })]);
    // No secret to rotate: the page says so and offers no form.
    const rotate = await open(browser, `/console/apps/${got.id}/secret`);
    expect(rotate.text).toContain('This is a public app: it has no client secret to rotate.');
    expect(rotate.html).not.toContain(`action="/console/apps/${got.id}/secret"`);
    expect((await open(browser, `/console/apps/${got.id}`)).text).not.toContain('Rotate secret');
  });

  it('a form with problems comes back with every message beside its field, linked from the summary, and nothing is registered', async () => {
    const { browser, accountId } = await setup();
    const res = await submit(browser, '/console/apps/new', {
      name: '',
      redirect_uris: 'https://ok.example.com/cb\nhttp://billing.example.com/cb\nhttps://*.example.com/cb\nhttps://ok.example.com/cb',
      post_logout_redirect_uris: 'https://billing.example.com/#bye',
      access_token_ttl: '10',
      id_token_ttl: 'fifteen minutes',
      refresh_token_ttl: '99999999',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a problem');
    for (const field of [
      'name',
      'client_type',
      'redirect_uris',
      'post_logout_redirect_uris',
      'access_token_ttl',
      'id_token_ttl',
      'refresh_token_ttl',
    ]) {
      expect(res.html, field).toContain(`href="#${field}"`);
      expect(res.html, field).toContain(`id="${field}"`);
    }
    expect(fieldError(res.html, 'name')).toBe('Enter a name for the app');
    expect(res.text).toContain('Choose whether the app is confidential (it has a server) or public');
    const uris = fieldError(res.html, 'redirect_uris');
    expect(uris).toContain('Line 2: `http://billing.example.com/cb` uses http: use https');
    expect(uris).toContain('Line 3: `https://*.example.com/cb` has a wildcard');
    expect(uris).toContain('Line 4: `https://ok.example.com/cb` is listed twice');
    expect(uris).not.toContain('Line 1');
    expect(fieldError(res.html, 'post_logout_redirect_uris')).toContain('Line 1: `https://billing.example.com/#bye` has a fragment');
    expect(fieldError(res.html, 'access_token_ttl')).toBe('Enter the access token lifetime as a whole number of seconds from 60 to 3600');
    expect(fieldError(res.html, 'id_token_ttl')).toBe('Enter the ID token lifetime as a whole number of seconds from 60 to 3600');
    expect(fieldError(res.html, 'refresh_token_ttl')).toBe(
      'Enter the refresh token lifetime as a whole number of seconds from 300 to 2592000',
    );
    // What was typed is still there to correct.
    expect(res.html).toContain('value="fifteen minutes"');
    expect(res.html).toContain('http://billing.example.com/cb');
    expect(await apps(accountId)).toEqual([]);

    const none = await submit(browser, '/console/apps/new', { ...WEB_APP, redirect_uris: '  \n ' });
    expect(none.status).toBe(400);
    expect(fieldError(none.html, 'redirect_uris')).toContain('Enter at least one redirect URI');
    expect(await apps(accountId)).toEqual([]);
  });

  it('the account’s quota is shown at the top of the form, and nothing more is registered', async () => {
    const { browser, accountId } = await setup();
    const seeded = await Promise.all(
      Array.from({ length: MAX_OAUTH_CLIENTS_PER_ACCOUNT }, (_, i) =>
        newClient(db(), {
          accountId,
          clientType: 'public',
          name: `seed ${i}`,
          redirectUris: ['https://a.example.com/cb'],
          postLogoutRedirectUris: [],
          scopes: ['openid'],
          accessTokenTtlSeconds: 900,
          idTokenTtlSeconds: 900,
          refreshTokenTtlSeconds: 43_200,
          now: new Date(),
        }),
      ),
    );
    const [first, ...rest] = seeded.map((s) => s.insert);
    await db().batch([first!, ...rest]);
    const res = await submit(browser, '/console/apps/new', WEB_APP);
    expect(res.status).toBe(409);
    expect(res.text).toContain(`There is a problem Cannot exceed quota for OAuthClientsPerAccount: ${MAX_OAUTH_CLIENTS_PER_ACCOUNT}`);
    expect(res.html).toContain('value="Billing portal"');
    expect(await apps(accountId)).toHaveLength(MAX_OAUTH_CLIENTS_PER_ACCOUNT);
  });
});

describe('console: an app’s page', () => {
  async function registered() {
    const s = await setup();
    const got = shown((await submit(s.browser, '/console/apps/new', WEB_APP)).html);
    return { ...s, id: got.id!, secret: got.secret! };
  }

  it('edits the settings: the form is filled in, a problem is shown beside its field, a good change is saved', async () => {
    const { browser, id } = await registered();
    const page = await open(browser, `/console/apps/${id}`);
    expect(page.html).toContain(`href="/console/apps/${id}/edit"`);
    const edit = await open(browser, `/console/apps/${id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('value="Billing portal"');
    expect(edit.text).toContain('Client type: Confidential (has a secret)');
    expect(edit.html).toMatch(
      /<textarea[^>]*name="redirect_uris"[^>]*>https:\/\/billing.example.com\/auth\/callback\nhttp:\/\/localhost:3000/,
    );
    expect(edit.html).toMatch(/id="scope-profile" name="scope" value="profile" checked/);

    const bad = await submit(browser, `/console/apps/${id}/edit`, { ...WEB_APP, redirect_uris: 'https://Billing.example.com/cb' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'redirect_uris')).toContain('enter https://billing.example.com/cb');
    expect((await findClient(db(), id))?.redirectUris).toEqual([
      'https://billing.example.com/auth/callback',
      'http://localhost:3000/auth/callback',
    ]);

    const good = await submit(browser, `/console/apps/${id}/edit`, {
      ...WEB_APP,
      name: 'Billing portal (EU)',
      redirect_uris: 'https://eu.billing.example.com/auth/callback',
      scope: '',
      access_token_ttl: '300',
      // A type sent by a hand-made form changes nothing: the type is fixed at registration.
      client_type: 'public',
    });
    expect(good.status).toBe(303);
    expect(good.location).toMatch(new RegExp(`^/console/apps/${id}\\?notice=`));
    expect((await open(browser, good.location!)).text).toContain('The settings of Billing portal (EU) were saved.');
    expect(await findClient(db(), id)).toMatchObject({
      name: 'Billing portal (EU)',
      clientType: 'confidential',
      redirectUris: ['https://eu.billing.example.com/auth/callback'],
      scopes: ['openid'],
      accessTokenTtlSeconds: 300,
    });
  });

  it('rotates the secret only after confirming: the new secret is shown once and the old one stops working', async () => {
    const { browser, id, secret } = await registered();
    const confirm = await open(browser, `/console/apps/${id}/secret`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('The current secret stops working at once');

    const unconfirmed = await submit(browser, `/console/apps/${id}/secret`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Tick the box to confirm the current secret should stop working');
    expect(await verifyClientSecret((await findClient(db(), id))!, secret)).toBe(true);

    const rotated = await submit(browser, `/console/apps/${id}/secret`, { confirm: 'on' });
    expect(rotated.status).toBe(200);
    expect(rotated.text).toContain('New client secret');
    const fresh = shown(rotated.html).secret!;
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(secret);
    const stored = (await findClient(db(), id))!;
    expect(await verifyClientSecret(stored, secret)).toBe(false);
    expect(await verifyClientSecret(stored, fresh)).toBe(true);
    expect((await open(browser, `/console/apps/${id}`)).html).not.toContain(fresh);
  });

  it('deletes the app only after confirming; its page is then a 404', async () => {
    const { browser, accountId, id } = await registered();
    const confirm = await open(browser, `/console/apps/${id}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('every token it was given stops working');

    const unconfirmed = await submit(browser, `/console/apps/${id}/delete`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Tick the box to confirm the app should be deleted');
    expect(await apps(accountId)).toHaveLength(1);

    const gone = await submit(browser, `/console/apps/${id}/delete`, { confirm: 'on' });
    expect(gone.status).toBe(303);
    expect(gone.location).toMatch(/^\/console\/apps\?notice=/);
    expect((await open(browser, gone.location!)).text).toContain('Billing portal was deleted.');
    expect(await apps(accountId)).toEqual([]);
    const after = await open(browser, `/console/apps/${id}`);
    expect(after.status).toBe(404);
    expect(after.text).toContain(`The OAuth client with id ${id} cannot be found.`);
  });

  // Threat: forging a change from another site; the console's forms need the CSRF token.
  it('cross-site request forgery: a post without the form’s token changes nothing', async () => {
    const { browser, accountId, id } = await registered();
    const forged = await submit(browser, `/console/apps/${id}/delete`, { confirm: 'on' }, { csrf: null });
    expect(forged.status).toBe(403);
    expect(await apps(accountId)).toHaveLength(1);
  });

  // Threat: reaching another account's app by its client id (ids are public: they appear in URLs).
  it('another account’s app is not found, as an id that never existed', async () => {
    const { id } = await registered();
    const other = await setup();
    for (const path of [`/console/apps/${id}`, `/console/apps/${id}/edit`, `/console/apps/${id}/delete`]) {
      const res = await open(other.browser, path);
      expect(res.status, path).toBe(404);
      expect(res.text).toContain(`The OAuth client with id ${id} cannot be found.`);
    }
    expect((await submit(other.browser, `/console/apps/${id}/delete`, { confirm: 'on' })).status).toBe(404);
    expect(await findClient(db(), id)).not.toBeNull();
  });
});

describe('console: a person without permission', () => {
  it('sees AWS’s AccessDenied text on the list and on the form, and registers nothing', async () => {
    const a = await account();
    const { browser } = await consoleAsUser(a.accountId, 'reader');
    const list = await open(browser, '/console/apps');
    expect(list.status).toBe(403);
    expect(list.text).toContain(
      `is not authorized to perform: iam:ListOAuthClients on resource: arn:aws:iam::${a.accountId}:oauth-client/*`,
    );
    const res = await submit(browser, '/console/apps/new', WEB_APP);
    expect(res.status).toBe(403);
    expect(res.text).toContain('is not authorized to perform: iam:CreateOAuthClient');
    expect(res.html).toContain('value="Billing portal"');
    expect(await apps(a.accountId)).toEqual([]);
    const absent = await open(browser, '/console/apps/eiam-aaaaaaaaaaaaaaaaaaaa');
    expect(absent.status).toBe(403);
  });

  it('a person allowed the app actions on `oauth-client/*` manages apps like the root user', async () => {
    const a = await account();
    const { browser } = await consoleAsUser(a.accountId, 'appadmin', {
      policies: {
        apps: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:*OAuthClient*', Resource: `arn:aws:iam::${a.accountId}:oauth-client/*` }],
        }),
      },
    });
    const made = await submit(browser, '/console/apps/new', WEB_APP);
    expect(made.status).toBe(200);
    const id = shown(made.html).id!;
    expect((await open(browser, `/console/apps/${id}`)).status).toBe(200);
    expect((await submit(browser, `/console/apps/${id}/secret`, { confirm: 'on' })).status).toBe(200);
    expect((await submit(browser, `/console/apps/${id}/delete`, { confirm: 'on' })).status).toBe(303);
    expect(await apps(a.accountId)).toEqual([]);
  });
});

describe('console: the API’s refusals on the form', () => {
  // The form checks what it can first; whatever the API still refuses must land beside the field it is
  // about, which depends on the API naming the setting at the start of its message.
  it('places each API validation error beside the form field the setting is entered in', async () => {
    const a = await account();
    const creds = { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey };
    const refusal = async (body: unknown) => {
      const url = 'http://localhost:8787/oauth-clients';
      const text = JSON.stringify(body);
      const headers = await sign(creds, 'POST', url, { 'content-type': 'application/json' }, text, 'iam');
      const res = await exports.default.fetch(new Request(url, { method: 'POST', headers, body: text }));
      const { error } = (await res.json()) as { error: { code: 'ValidationError'; message: string } };
      return apiFieldError(new IamError(error.code, error.message));
    };
    const good = { name: 'x', clientType: 'public', redirectUris: ['https://a.example.com/cb'] };
    expect(await refusal({ ...good, redirectUris: ['https://a.example.com/cb', 'http://a.example.com/cb'] })).toEqual({
      field: 'redirect_uris',
      message: expect.stringMatching(/^Line 2: `http:\/\/a.example.com\/cb` uses http/),
    });
    expect(await refusal({ ...good, postLogoutRedirectUris: ['https://a.example.com/#x'] })).toMatchObject({
      field: 'post_logout_redirect_uris',
      message: expect.stringMatching(/^Line 1: /),
    });
    expect(await refusal({ ...good, name: '' })).toEqual({ field: 'name', message: 'Must not be empty' });
    expect(await refusal({ ...good, clientType: 'x' })).toMatchObject({ field: 'client_type' });
    expect(await refusal({ ...good, scopes: ['email'] })).toMatchObject({ field: 'scope' });
    expect(await refusal({ ...good, refreshTokenTtlSeconds: 1 })).toMatchObject({ field: 'refresh_token_ttl' });
    // A refusal about no one field stays a message for the top of the page.
    expect(await refusal({ ...good, extra: true })).toBeNull();
    expect(await listClients(db(), a.accountId)).toEqual([]);
  });
});
