// Hono middleware that protects a route with edge-iam:
//   app.get('/reports/:id', authorize({ client, action: 'reports:GetReport', resource: (c) => `arn:myapp:reports:::${c.req.param('id')}` }), handler)
// The principal is whoever the request says, verified by the service: a sign-in token
// (`Authorization: Bearer`) or an AWS SigV4 signature (`Authorization: AWS4-HMAC-SHA256 ...`).
// Deny answers 403 with the reason, an unverifiable caller 401; the decision is in c.get('iam').
import type { Context, MiddlewareHandler } from 'hono';
import { AuthorizeError, type AuthorizeClient } from './client';
import { forwardSignedRequest } from './forward';
import type { AuthorizeRequest, Decision, Principal } from './types';

type FromContext<T> = T | ((c: Context) => T | Promise<T>);

export interface AuthorizeOptions {
  /** The client, or a factory for it (e.g. over a service binding in `c.env`). */
  client: FromContext<AuthorizeClient>;
  action: FromContext<string>;
  resource: FromContext<string>;
  context?: FromContext<AuthorizeRequest['context']>;
  /** The end client's IP as this app sees it; defaults to CF-Connecting-IP. */
  sourceIp?: FromContext<string | undefined>;
}

const resolve = async <T>(v: FromContext<T>, c: Context): Promise<T> =>
  typeof v === 'function' ? (v as (c: Context) => T | Promise<T>)(c) : v;

async function principalOf(c: Context): Promise<Principal | null> {
  const auth = c.req.header('authorization') ?? '';
  if (auth.startsWith('Bearer ')) return { token: auth.slice(7).trim() };
  if (auth.startsWith('AWS4-HMAC-SHA256 ')) return { signedRequest: await forwardSignedRequest(c.req.raw) };
  return null;
}

export function authorize(options: AuthorizeOptions): MiddlewareHandler<{ Variables: { iam: Decision } }> {
  return async function edgeIamAuthorize(c, next) {
    const principal = await principalOf(c);
    if (!principal)
      return c.json({ error: { code: 'Unauthenticated', message: 'sign the request with SigV4 or send a sign-in token' } }, 401);
    let decision: Decision;
    try {
      const client = await resolve(options.client, c);
      decision = await client.authorize(principal, {
        action: await resolve(options.action, c),
        resource: await resolve(options.resource, c),
        ...(options.context ? { context: await resolve(options.context, c) } : {}),
        sourceIp: (options.sourceIp ? await resolve(options.sourceIp, c) : undefined) ?? c.req.header('cf-connecting-ip'),
      });
    } catch (e) {
      if (e instanceof AuthorizeError) {
        const status = e.status === 401 || e.status === 403 ? (e.status === 403 && e.code !== 'AccessDenied' ? 401 : e.status) : 503;
        return c.json({ error: { code: e.code, message: e.message } }, status);
      }
      throw e;
    }
    if (decision.decision !== 'Allow') {
      return c.json(
        {
          error: {
            code: 'AccessDenied',
            message: `${decision.principal.arn} may not ${decision.reason === 'ExplicitDeny' ? '(explicitly denied) ' : ''}perform this action`,
          },
          decision,
        },
        403,
      );
    }
    c.set('iam', decision);
    await next();
  };
}
