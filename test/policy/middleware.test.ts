// The Hono middleware in a sample app, as an app developer would wire it: the app's own API accepts
// AWS-signed requests (and sign-in tokens) and asks edge-iam on every request.
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { exports } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../packages/client/src/index';
import { authorize, type AuthorizeEvent } from '../../packages/client/src/hono';
import { rootClient } from '../iam/clients';
import { sign } from './client';

function sampleApp(appCreds: { accessKeyId: string; secretAccessKey: string }) {
  // Over a service binding in production (env.IAM); here the gateway in this workerd. The app signs its
  // own /authorize calls (it forwards requests others signed).
  const client = createClient({
    fetcher: { fetch: (r) => exports.default.fetch(r) },
    endpoint: 'http://localhost:8787',
    sign: async (req) => {
      const body = await req.text();
      const headers = Object.fromEntries(req.headers);
      return new Request(req.url, { method: req.method, headers: await sign(appCreds, req.method, req.url, headers, body, 'iam'), body });
    },
  });
  // Denials reach the app's log hook, not the end user (the 403 names no policy).
  const decisions: AuthorizeEvent[] = [];
  const app = new Hono();
  app.get(
    '/reports/:id',
    authorize({ client, action: 'reports:GetReport', resource: (c) => `arn:myapp:reports:::report/${c.req.param('id')}` }),
    (c) => c.json({ report: c.req.param('id'), readBy: c.get('iam').principal.arn }),
  );
  app.post(
    '/reports/:id/approve',
    authorize({
      client: () => client,
      action: 'reports:Approve',
      resource: (c) => `arn:myapp:reports:::report/${c.req.param('id')}`,
      context: () => ({ 'reports:Team': 'sales' }),
      onDecision: (_c, e) => decisions.push(e),
    }),
    (c) => c.json({ approved: true }),
  );
  return Object.assign(app, { decisions });
}

async function signedCall(app: Hono, creds: { accessKeyId: string; secretAccessKey: string }, method: string, path: string, body = '') {
  const url = `https://reports.example.com${path}`;
  const headers = await sign(creds, method, url, {}, body, 'reports');
  return app.request(url, { method, headers, ...(body ? { body } : {}) });
}

describe('Hono middleware in a sample app', () => {
  it('lets a permitted SigV4 caller through, denies others with the reason, and rejects the unsigned', async () => {
    const root = await rootClient();
    const acct = root.account.accountId;
    await root.iam.send(new CreateUserCommand({ UserName: 'reader' }));
    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'reader',
        PolicyName: 'reports',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'reports:Get*', Resource: 'arn:myapp:reports:::report/*' }],
        }),
      }),
    );
    const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: 'reader' }));
    const reader = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    const app = sampleApp(root.creds);

    const ok = await signedCall(app, reader, 'GET', '/reports/42');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ report: '42', readBy: `arn:aws:iam::${acct}:user/reader` });

    const denied = await signedCall(app, reader, 'POST', '/reports/42/approve', '{"note":"lgtm"}');
    expect(denied.status).toBe(403);
    const deniedBody = await denied.json();
    expect(deniedBody).toMatchObject({ error: { code: 'AccessDenied' } });
    expect(deniedBody).not.toHaveProperty('decision');
    expect(app.decisions.at(-1)).toMatchObject({ outcome: 'denied', decision: { reason: 'ImplicitDeny', blockedBy: 'identity' } });

    const anonymous = await app.request('https://reports.example.com/reports/42');
    expect(anonymous.status).toBe(401);

    const forged = await signedCall(app, { ...reader, secretAccessKey: 'y'.repeat(40) }, 'GET', '/reports/42');
    expect(forged.status).toBe(401);

    await root.iam.send(new AttachUserPolicyCommand({ UserName: 'reader', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await new Promise((r) => setTimeout(r, 350));
    expect((await signedCall(app, reader, 'POST', '/reports/42/approve', '{"note":"lgtm"}')).status).toBe(200);
  });
});
