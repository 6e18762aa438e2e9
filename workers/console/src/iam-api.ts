// The console's only way to read or change anything: the identity worker's IAM API, over the service
// binding, as the signed-in person. Each request gets a short-lived token of the IAM API's own audience
// for this person's sign-in session (it ends with the session), so the console may do exactly what the
// person's policies allow, nothing more: a denied action comes back as AWS's AccessDenied text.
// After Switch role, calls are instead signed with SigV4 (aws4fetch) using the role's temporary
// credentials, as the AWS CLI would send them, so the role's policies decide.
//
// Results come back as JSON (`Accept: application/json`); parameters go in as the Query protocol
// flattens them (`Tags.member.1.Key`), built from plain objects here.
import { AwsV4Signer } from 'aws4fetch';
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
// IAM and STS are global: the identity worker's SigV4 scope is this region for both.
const SIGNING_REGION = 'us-east-1';
// The API's answers that mean the role's credentials no longer authenticate (expired, the role or
// its sign-in session gone), as opposed to a refusal of one action (AccessDenied).
const ROLE_CREDENTIALS_OVER = new Set<ErrorCode>(['ExpiredToken', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'IncompleteSignature']);

/** The role's temporary credentials (STS AssumeRole) that calls are signed with after Switch role. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

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

/**
 * The query string as SigV4 canonicalizes it (RFC 3986, `%20` for a space): URLSearchParams writes
 * `+`, which a signer decodes to a space and the verifier keeps as a plus, and the two would disagree.
 */
function signableUrl(url: URL): URL {
  const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  const out = new URL(url);
  out.search = [...url.searchParams].map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  return out;
}

type Api = keyof typeof VERSIONS;
interface SendInit {
  method: string;
  body?: string;
  contentType?: string;
}

export interface IamApiOptions {
  /** sign every call with these role credentials instead of the person's token */
  role?: RoleCredentials | null;
  /** how long the person's token may live (AssumeRole's credentials expire no later than it) */
  tokenSeconds?: number;
}

export class IamApi {
  #token: Promise<string> | undefined;
  #roleRefusal: IamError | null = null;

  constructor(
    private readonly c: ConsoleContext,
    private readonly who: ConsoleSession,
    private readonly options: IamApiOptions = {},
  ) {}

  /**
   * The API's refusal of the role's credentials during this request (expired, role deleted, sign-in
   * session ended); null while they work. Once refused, no further call is sent as the role.
   */
  get roleRefusal(): IamError | null {
    return this.#roleRefusal;
  }

  /**
   * The signed-in person themself, whatever role they act as: switching roles starts from the person,
   * as AWS's console does. `tokenSeconds` lets an AssumeRole call get credentials that outlive one page.
   */
  asPerson(tokenSeconds = TOKEN_TTL_SECONDS): IamApi {
    return new IamApi(this.c, this.who, { tokenSeconds });
  }

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
        this.options.tokenSeconds ?? TOKEN_TTL_SECONDS,
      );
      return issued.token;
    })();
    return this.#token;
  }

  /** The request as the role: SigV4 for `service`, over the URL the identity worker receives (its Host is signed). */
  private async signedAsRole(role: RoleCredentials, url: URL, init: SendInit, service: Api): Promise<Request> {
    const headers = new Headers({ accept: 'application/json' });
    if (init.contentType) headers.set('content-type', init.contentType);
    const signed = await new AwsV4Signer({
      method: init.method,
      url: signableUrl(url).toString(),
      headers,
      body: init.body ?? null,
      accessKeyId: role.accessKeyId,
      secretAccessKey: role.secretAccessKey,
      sessionToken: role.sessionToken,
      service,
      region: SIGNING_REGION,
    }).sign();
    return new Request(signed.url, { method: signed.method, headers: signed.headers, body: init.body ?? null });
  }

  private async send(path: string, init: SendInit, service: Api = 'iam'): Promise<unknown> {
    const req = this.c.req;
    const url = new URL(path, req.url);
    const role = this.options.role;
    if (role && this.#roleRefusal) throw this.#roleRefusal;
    const request = role
      ? await this.signedAsRole(role, url, init, service)
      : new Request(url, {
          method: init.method,
          headers: {
            authorization: `Bearer ${await this.token()}`,
            accept: 'application/json',
            ...(init.contentType ? { 'content-type': init.contentType } : {}),
          },
          body: init.body ?? null,
        });
    // The person's own address and browser, for aws:SourceIp and the audit log (the identity worker
    // trusts the address header only under the same CLIENT_IP_SOURCE setting). Left out of the signature:
    // they describe the person's request, not the console's.
    const ip = req.header('cf-connecting-ip');
    if (ip) request.headers.set('cf-connecting-ip', ip);
    request.headers.set('user-agent', `edge-iam-console (${req.header('user-agent') ?? 'unknown browser'})`.slice(0, 512));
    const res = await this.c.env.IDENTITY.fetch(request);
    const body: unknown = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
    if (!res.ok) {
      const error = apiError(res.status, body);
      if (role && ROLE_CREDENTIALS_OVER.has(error.code)) this.#roleRefusal = error;
      throw error;
    }
    return body;
  }

  /** Calls an IAM (or STS) action and returns the content of its Result element. */
  async call<T = Record<string, unknown>>(action: string, params: QueryParams = {}, api: keyof typeof VERSIONS = 'iam'): Promise<T> {
    const body = queryBody(action, params, api).toString();
    const out = (await this.send('/', { method: 'POST', body, contentType: 'application/x-www-form-urlencoded' }, api)) as Record<
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
