// The console's only way to read or change anything: the identity worker's IAM API, over the service
// binding, as the signed-in person. Each request gets a short-lived token of the IAM API's own audience
// for this person's sign-in session (it ends with the session), so the console may do exactly what the
// person's policies allow, nothing more: a denied action comes back as AWS's AccessDenied text.
//
// Results come back as JSON (`Accept: application/json`); parameters go in as the Query protocol
// flattens them (`Tags.member.1.Key`), built from plain objects here.
import { ERROR_STATUS, IamError, type ErrorCode } from '@edge-iam/core';
import { issueToken } from '@edge-iam/core/authn';
import { requireServiceKeys, tokenConfig } from '@edge-iam/core/crypto';
import { createDb } from '@edge-iam/core/db';
import type { ConsoleContext } from './env';
import type { ConsoleSession } from './session';

/** A Query parameter: a string, a list of strings, or a list of structures (`Tags`, `ContextEntries`). */
export type QueryParam = string | number | boolean | undefined | readonly string[] | readonly Record<string, string | readonly string[]>[];
export type QueryParams = Record<string, QueryParam>;

// Long enough for one page's calls; never reused across requests.
const TOKEN_TTL_SECONDS = 120;
const VERSIONS = { iam: '2010-05-08', sts: '2011-06-15' } as const;

/** Flattens parameters the way the AWS SDKs do for the Query protocol. */
export function queryBody(action: string, params: QueryParams, api: keyof typeof VERSIONS = 'iam'): URLSearchParams {
  const body = new URLSearchParams({ Action: action, Version: VERSIONS[api] });
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value !== 'object') {
      body.set(name, String(value));
      continue;
    }
    value.forEach((item, i) => {
      const prefix = `${name}.member.${i + 1}`;
      if (typeof item === 'string') return body.set(prefix, item);
      for (const [k, v] of Object.entries(item)) {
        if (typeof v === 'string') body.set(`${prefix}.${k}`, v);
        else v.forEach((s, j) => body.set(`${prefix}.${k}.member.${j + 1}`, s));
      }
    });
  }
  return body;
}

// The Query API answers `{"Error": {"Code", "Message"}}`; the JSON routes (core http/jsonError)
// answer `{"error": {"code", "message"}}`. Both carry AWS's text, which the page must show.
function apiError(status: number, body: unknown): IamError {
  const b = body as { Error?: { Code?: string; Message?: string }; error?: { code?: string; message?: string } } | null;
  const name = b?.Error?.Code ?? b?.error?.code;
  const message = b?.Error?.Message ?? b?.error?.message;
  const code = name && name in ERROR_STATUS ? (name as ErrorCode) : status >= 500 ? 'ServiceFailure' : 'InvalidInput';
  return new IamError(code, message ?? `the IAM API answered ${status}`);
}

export class IamApi {
  #token: Promise<string> | undefined;

  constructor(
    private readonly c: ConsoleContext,
    private readonly who: ConsoleSession,
  ) {}

  private token(): Promise<string> {
    this.#token ??= (async () => {
      const { env } = this.c;
      const origin = new URL(this.c.req.url).origin;
      const { principal, session } = this.who;
      const issued = await issueToken(
        { db: createDb(env.DB), keys: await requireServiceKeys(env), now: new Date(), tokens: tokenConfig(env, origin) },
        principal,
        { authTime: session.authTime, mfaAuthenticatedAt: session.mfaAuthenticatedAt },
        session,
        'iam',
        TOKEN_TTL_SECONDS,
      );
      return issued.token;
    })();
    return this.#token;
  }

  private async send(path: string, init: { method: string; body?: string; contentType?: string }): Promise<unknown> {
    const req = this.c.req;
    const headers = new Headers({ authorization: `Bearer ${await this.token()}`, accept: 'application/json' });
    if (init.contentType) headers.set('content-type', init.contentType);
    // The person's own address and browser, for aws:SourceIp and the audit log (the identity worker
    // trusts the address header only under the same CLIENT_IP_SOURCE setting).
    const ip = req.header('cf-connecting-ip');
    if (ip) headers.set('cf-connecting-ip', ip);
    headers.set('user-agent', `edge-iam-console (${req.header('user-agent') ?? 'unknown browser'})`.slice(0, 512));
    const url = new URL(path, req.url);
    const res = await this.c.env.IDENTITY.fetch(new Request(url, { method: init.method, headers, body: init.body ?? null }));
    const body: unknown = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
    if (!res.ok) throw apiError(res.status, body);
    return body;
  }

  /** Calls an IAM (or STS) action and returns the content of its Result element. */
  async call<T = Record<string, unknown>>(action: string, params: QueryParams = {}, api: keyof typeof VERSIONS = 'iam'): Promise<T> {
    const body = queryBody(action, params, api).toString();
    const out = (await this.send('/', { method: 'POST', body, contentType: 'application/x-www-form-urlencoded' })) as Record<
      string,
      Record<string, unknown>
    >;
    return (out[`${action}Response`]?.[`${action}Result`] ?? {}) as T;
  }

  /** One of the identity worker's JSON routes (`/security-status`, `/signin-settings`, `/audit-log`). */
  async json<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    return (await this.send(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body), contentType: 'application/json' }),
    })) as T;
  }
}
