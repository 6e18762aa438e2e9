// Reads SigV4 credentials out of a request (Authorization header or presigned query parameters)
// without any secret, so a caller can reject malformed requests and look the access key up before
// doing any cryptography. Error codes and wording follow what AWS answers for the same mistakes.

import { IamError } from '../../errors';
import { ALGORITHM, headerMap, splitUrl, type CredentialScope, type HeaderInput } from './canonical';

export interface SignedRequest {
  method: string;
  /** Full URL as received, including host:port, path and query. */
  url: string;
  headers: HeaderInput;
  /** The raw body bytes (or text) exactly as received. */
  body: Uint8Array | string;
  /**
   * The body's SHA-256 (hex) when the verifier cannot see the body: the policy worker checks requests
   * that an app received and forwards. Trusted because the forwarding app itself is authenticated.
   */
  payloadHash?: string;
}

export interface ParsedAuth {
  /** Where the signature came from: an Authorization header or a presigned URL. */
  kind: 'header' | 'query';
  accessKeyId: string;
  scope: CredentialScope;
  /** Lowercase header names, in the order the signer listed them. */
  signedHeaders: string[];
  signature: string;
  /** The request timestamp in ISO 8601 basic form (20150830T123600Z), as used in the string to sign. */
  amzDate: string;
  /** Presigned URLs only: seconds the signature stays valid after amzDate. */
  expiresIn?: number;
  /** X-Amz-Security-Token (header or query), for temporary credentials; validating it is the caller's job. */
  sessionToken?: string;
}

const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
const AMZ_DATE = /^\d{8}T\d{6}Z$/;
const SIGNED_HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
/** Echo of the header in messages is capped: it is the caller's own input, but logs need not hold megabytes. */
const ECHO_LIMIT = 512;

const incomplete = (message: string) => new IamError('IncompleteSignature', message);
const echo = (value: string) => (value.length > ECHO_LIMIT ? `${value.slice(0, ECHO_LIMIT)}...` : value);

/** Formats a Date as SigV4's ISO 8601 basic timestamp. */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Parses 20150830T123600Z into a Date, or undefined if it is not a real timestamp. */
export function parseAmzDate(value: string): Date | undefined {
  if (!AMZ_DATE.test(value)) return undefined;
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) || formatAmzDate(date) !== value ? undefined : date;
}

function firstValue(headers: Map<string, string[]>, name: string): string | undefined {
  const values = headers.get(name);
  return values === undefined ? undefined : values.join(',');
}

/** AKID/YYYYMMDD/region/service/aws4_request */
function parseCredential(credential: string): { accessKeyId: string; scope: CredentialScope } {
  const parts = credential.split('/');
  const [accessKeyId, date, region, service, terminator] = parts;
  if (parts.length !== 5 || !accessKeyId || !date || !region || !service || terminator === undefined) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${echo(credential)}'.`,
    );
  }
  if (terminator !== 'aws4_request') {
    throw incomplete(`Credential should be scoped with a valid terminator: 'aws4_request', not '${echo(terminator)}'.`);
  }
  if (!/^\d{8}$/.test(date)) {
    throw incomplete(`Credential should be scoped to a valid date, not '${echo(date)}'.`);
  }
  return { accessKeyId, scope: { date, region, service } };
}

function parseSignedHeaders(value: string): string[] {
  const names = value.split(';');
  if (names.some((n) => !SIGNED_HEADER_NAME.test(n))) {
    throw incomplete(`SignedHeaders must be a semicolon-separated list of lowercase header names, got '${echo(value)}'.`);
  }
  // A signature that does not cover Host could be replayed against another endpoint.
  if (!names.includes('host')) {
    throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return names;
}

/** The request time the signer used: X-Amz-Date, or failing that an HTTP Date header. */
function requestDate(headers: Map<string, string[]>): string | undefined {
  const amz = firstValue(headers, 'x-amz-date');
  if (amz !== undefined) return amz.trim();
  const http = firstValue(headers, 'date');
  if (http === undefined) return undefined;
  const ms = Date.parse(http);
  return Number.isNaN(ms) ? '' : formatAmzDate(new Date(ms));
}

function parseHeaderAuth(authorization: string, headers: Map<string, string[]>): ParsedAuth {
  const trimmed = authorization.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space >= 0 ? trimmed.slice(0, space) : trimmed;
  const rest = space >= 0 ? trimmed.slice(space + 1) : '';

  const params = new Map<string, string>();
  for (const raw of rest.split(',')) {
    const pair = raw.trim();
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      // Only a SigV4 header is held to SigV4 syntax; another scheme falls through to "requires ...".
      if (algorithm !== ALGORITHM) continue;
      throw incomplete(
        `'${echo(pair)}' not a valid key=value pair (missing equal-sign) in Authorization header: '${echo(authorization)}'.`,
      );
    }
    params.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const credential = params.get('Credential');
  const signedHeaders = params.get('SignedHeaders');
  const signature = params.get('Signature');
  const amzDate = requestDate(headers);

  // AWS lists every missing part at once, then echoes the header it could not use.
  const missing: string[] = [];
  if (!credential) missing.push("Authorization header requires 'Credential' parameter.");
  if (!signature) missing.push("Authorization header requires 'Signature' parameter.");
  if (!signedHeaders) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  if (amzDate === undefined) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (missing.length > 0 || !credential || !signature || !signedHeaders || amzDate === undefined) {
    throw incomplete(`${missing.join(' ')} Authorization=${echo(authorization)}`);
  }
  // Checked after the parameters so a non-AWS scheme (e.g. a Bearer token) gets AWS's message above.
  if (algorithm !== ALGORITHM) {
    throw incomplete(`Unsupported AWS 'algorithm': '${echo(algorithm)}'. The only supported algorithm is ${ALGORITHM}.`);
  }
  if (parseAmzDate(amzDate) === undefined) {
    throw incomplete(`Date must be in ISO-8601 'basic format'. Got '${echo(amzDate)}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  const token = firstValue(headers, 'x-amz-security-token');
  return {
    kind: 'header',
    ...parseCredential(credential),
    signedHeaders: parseSignedHeaders(signedHeaders),
    signature,
    amzDate,
    ...(token !== undefined ? { sessionToken: token } : {}),
  };
}

function parseQueryAuth(query: URLSearchParams, headers: Map<string, string[]>): ParsedAuth {
  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date', 'X-Amz-Expires'];
  const missing = required.filter((name) => !query.get(name));
  if (missing.length > 0) {
    throw incomplete(
      `AWS query-string parameters must include ${required.map((n) => `'${n}'`).join(', ')}. Re-examine the query-string parameters. Missing: ${missing.join(', ')}.`,
    );
  }
  const algorithm = query.get('X-Amz-Algorithm') ?? '';
  if (algorithm !== ALGORITHM) {
    throw incomplete(`Unsupported AWS 'algorithm': '${echo(algorithm)}'. The only supported algorithm is ${ALGORITHM}.`);
  }
  const amzDate = query.get('X-Amz-Date') ?? '';
  if (parseAmzDate(amzDate) === undefined) {
    throw incomplete(`Date must be in ISO-8601 'basic format'. Got '${echo(amzDate)}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  const expiresRaw = query.get('X-Amz-Expires') ?? '';
  const expiresIn = /^\d{1,7}$/.test(expiresRaw) ? Number(expiresRaw) : NaN;
  if (!(expiresIn >= 1 && expiresIn <= MAX_PRESIGN_SECONDS)) {
    throw incomplete(`X-Amz-Expires must be an integer between 1 and ${MAX_PRESIGN_SECONDS} seconds, got '${echo(expiresRaw)}'.`);
  }
  const token = query.get('X-Amz-Security-Token') ?? firstValue(headers, 'x-amz-security-token');
  return {
    kind: 'query',
    ...parseCredential(query.get('X-Amz-Credential') ?? ''),
    signedHeaders: parseSignedHeaders(query.get('X-Amz-SignedHeaders') ?? ''),
    signature: query.get('X-Amz-Signature') ?? '',
    amzDate,
    expiresIn,
    ...(token != null ? { sessionToken: token } : {}),
  };
}

/**
 * Extracts the SigV4 credentials of a request. Throws IamError: MissingAuthenticationToken when the
 * request carries no signature at all, IncompleteSignature when what it carries is malformed.
 */
export function parseSigV4(req: Pick<SignedRequest, 'url' | 'headers'>): ParsedAuth {
  const headers = headerMap(req.headers);
  const authorization = firstValue(headers, 'authorization');
  if (authorization !== undefined && authorization.trim() !== '') return parseHeaderAuth(authorization, headers);

  const query = new URLSearchParams(splitUrl(req.url).query);
  const presigned = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature'].some((name) => query.has(name));
  if (presigned) return parseQueryAuth(query, headers);

  throw new IamError('MissingAuthenticationToken', 'Request is missing Authentication Token');
}
