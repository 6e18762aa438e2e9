// What every sign-in route knows about its request: the worker's bindings, the request id, the CSRF
// token of the browser, and the facts about the client that rate limits and the audit log need.
import type { Context } from 'hono';
import { IamError, type Env } from '@edge-iam/core';
import { createDb, type Db } from '@edge-iam/core/db';
import { requireServiceKeys, type ServiceKeys, tokenConfig, type TokenConfig } from '@edge-iam/core/crypto';
import { clientInfo } from '@edge-iam/core/http';
import { breachedPasswordsConfig, type BreachedPasswordsConfig } from '@edge-iam/core/passwords';

export type SigninEnv = { Bindings: Env; Variables: { requestId: string; csrfToken: string } };
export type SigninContext = Context<SigninEnv>;

export interface RequestDeps {
  db: Db;
  keys: ServiceKeys;
  now: Date;
  /** the client's address as Cloudflare reports it; `unknown` when absent (local tools) */
  clientIp: string;
  userAgent: string | null;
  requestId: string;
  origin: string;
  tokens: TokenConfig;
  secure: boolean;
  /** the breached-password range API new passwords are checked against; null when the check is off */
  breachedPasswords: BreachedPasswordsConfig | null;
}

function tokens(c: SigninContext, origin: string): TokenConfig {
  try {
    return tokenConfig(c.env, origin);
  } catch (e) {
    throw new IamError('ServiceUnavailable', `the service is misconfigured: ${(e as Error).message}`);
  }
}

export async function requestDeps(c: SigninContext): Promise<RequestDeps> {
  const url = new URL(c.req.url);
  const client = clientInfo(c.req.raw, c.env);
  return {
    db: createDb(c.env.DB),
    keys: await requireServiceKeys(c.env),
    now: new Date(),
    clientIp: client.sourceIp ?? 'unknown',
    userAgent: client.userAgent,
    requestId: c.get('requestId'),
    origin: url.origin,
    tokens: tokens(c, url.origin),
    secure: client.secure,
    breachedPasswords: breachedPasswordsConfig(c.env),
  };
}
