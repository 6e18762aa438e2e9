// SigV4 authentication of a request (the IAM/STS Query API, or an app's request forwarded to /authorize): parse the signature, find the access key (long-term
// AKIA keys; ASIA temporary credentials with their session token), decrypt its secret, verify, and
// resolve the caller. Inactive keys authenticate nothing. The key's last use is recorded after the
// response (waitUntil), since it must never slow down or fail the request.
import { and, eq } from 'drizzle-orm';
import { IamError } from '../errors';
import { open } from '../crypto/secret-box';
import type { ServiceKeys } from '../crypto/keys';
import { checkCredentialScope, checkRequestTime, parseSigV4, verifySigV4, type SignedRequest } from '../crypto/sigv4/verify';
import type { Db } from '../db/client';
import { accessKeys, users } from '../db/schema';
import { accessKeySecretContext } from '../repo/accounts';
import { iamArn, rootArn } from '../arn';
import type { Caller } from './caller';
import { resolveTemporaryCredentials } from './temporary-credentials';

const INVALID_TOKEN = 'The security token included in the request is invalid.';

export interface AuthenticatedRequest {
  caller: Caller;
  service: string;
  region: string;
}

export interface SigV4CallerOptions {
  /** Services the credential scope may name; any when omitted (apps forwarding their own requests). */
  services?: readonly string[];
  /** Runs the last-use bookkeeping after the response (ExecutionContext.waitUntil). */
  waitUntil: (p: Promise<unknown>) => void;
  /**
   * Looks up a credential (default: `resolveCredential` against D1). The policy worker passes a
   * cached lookup so a warm decision makes no D1 query.
   */
  resolve?: (accessKeyId: string, sessionToken: string | undefined) => Promise<ResolvedCredential>;
  /** Whether to record this use of a long-term key (the policy worker throttles it); default always. */
  shouldRecordUse?: (accessKeyId: string) => boolean;
}

export interface ResolvedCredential {
  caller: Caller;
  secret: string;
  /** Long-term keys record their last use; temporary credentials do not. */
  longTerm: boolean;
}

/**
 * Finds the credential an access key id names and decrypts its secret. INVARIANT: unknown and
 * inactive keys get the same answer, so a caller cannot probe which exist.
 */
export async function resolveCredential(
  db: Db,
  keys: ServiceKeys,
  accessKeyId: string,
  sessionToken: string | undefined,
  now: Date,
): Promise<ResolvedCredential> {
  if (accessKeyId.startsWith('ASIA')) {
    const temp = await resolveTemporaryCredentials(db, keys, accessKeyId, sessionToken, now);
    return { ...temp, longTerm: false };
  }
  const row = await db
    .select({ key: accessKeys, user: { name: users.name, path: users.path } })
    .from(accessKeys)
    .leftJoin(users, eq(users.id, accessKeys.userId))
    .where(eq(accessKeys.id, accessKeyId))
    .get();
  if (!row || row.key.status !== 'Active') throw new IamError('InvalidClientTokenId', INVALID_TOKEN);
  const { key, user } = row;
  // INVARIANT: a user's key whose user row is missing is no key at all, never the root user's.
  if (key.userId && !user) throw new IamError('InvalidClientTokenId', INVALID_TOKEN);
  const secret = await open(keys.masterKey, key.secretCiphertext, accessKeySecretContext(key.id));
  // The name and path come from the user row found by the key's user id, as it is now.
  const caller: Caller =
    key.userId && user
      ? {
          kind: 'user',
          accountId: key.accountId,
          arn: iamArn(key.accountId, 'user', user.name, user.path),
          accessKeyId: key.id,
          userId: key.userId,
          userName: user.name,
          path: user.path,
        }
      : { kind: 'root', accountId: key.accountId, arn: rootArn(key.accountId), accessKeyId: key.id };
  return { caller, secret, longTerm: true };
}

export async function authenticateSigV4(
  db: Db,
  keys: ServiceKeys,
  request: SignedRequest,
  now: Date,
  opts: SigV4CallerOptions,
): Promise<AuthenticatedRequest> {
  const parsed = parseSigV4(request);
  checkRequestTime(parsed, now);
  const service = parsed.scope.service;
  if (opts.services && !opts.services.includes(service)) {
    throw new IamError(
      'SignatureDoesNotMatch',
      `Credential should be scoped to correct service: ${opts.services.map((s) => `'${s}'`).join(' or ')}.`,
    );
  }
  checkCredentialScope(parsed, service);
  const resolve = opts.resolve ?? ((id, token) => resolveCredential(db, keys, id, token, now));
  const credential = await resolve(parsed.accessKeyId, parsed.sessionToken);
  await verifySigV4(request, parsed, credential.secret, now);
  if (credential.longTerm && (opts.shouldRecordUse?.(parsed.accessKeyId) ?? true)) {
    // Recorded after the response: bookkeeping must never slow down or fail the request.
    opts.waitUntil(
      db
        .update(accessKeys)
        .set({ lastUsedAt: now, lastUsedService: service, lastUsedRegion: parsed.scope.region })
        .where(and(eq(accessKeys.id, parsed.accessKeyId)))
        .run()
        .catch((e) => console.error('recording access key use failed', e)),
    );
  }
  return { caller: credential.caller, service, region: parsed.scope.region };
}
