// STS temporary credentials (ASIA...): the session token must match the stored hash and the
// credentials must not have expired (ExpiredToken, as AWS answers). Credentials obtained with a
// sign-in token (AssumeRole called with `Authorization: Bearer`, and roles chained from those) also
// end when that token's sign-in session does: signed out, password changed, user deleted. Role
// sessions from an identity provider (web identity, SAML) carry that provider's context along.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { IamError } from '../errors';
import { timingSafeEqual } from '../crypto/constant-time';
import type { ServiceKeys } from '../crypto/keys';
import { open } from '../crypto/secret-box';
import type { Db } from '../db/client';
import { roles, signinSessions, temporaryCredentials, users } from '../db/schema';
import { assumedRoleArn, federatedUserArn, iamArn, rootArn } from '../arn';
import { sha256Hex } from '../util/encoding';
import type { Caller } from './caller';
import { parseFederatedSession } from './federated-session';

import { temporarySecretContext } from '../repo/temporary-credentials';

export async function resolveTemporaryCredentials(
  db: Db,
  keys: ServiceKeys,
  accessKeyId: string,
  sessionToken: string | undefined,
  now: Date,
): Promise<{ secret: string; caller: Caller }> {
  const row = await db
    .select({
      cred: temporaryCredentials,
      role: { name: roles.name, path: roles.path },
      user: { name: users.name, path: users.path },
      signin: { expiresAt: signinSessions.expiresAt },
    })
    .from(temporaryCredentials)
    .leftJoin(roles, eq(roles.id, temporaryCredentials.roleId))
    .leftJoin(users, eq(users.id, temporaryCredentials.userId))
    .leftJoin(
      signinSessions,
      and(
        eq(signinSessions.sessionId, temporaryCredentials.signinSessionId),
        isNull(signinSessions.revokedAt),
        gt(signinSessions.expiresAt, now),
      ),
    )
    .where(eq(temporaryCredentials.id, accessKeyId))
    .get();
  if (!row || !sessionToken || !timingSafeEqual(await sha256Hex(sessionToken), row.cred.sessionTokenHash)) {
    throw new IamError('InvalidClientTokenId', 'The security token included in the request is invalid.');
  }
  const { cred } = row;
  if (cred.expiresAt.getTime() <= now.getTime()) {
    throw new IamError('ExpiredToken', 'The security token included in the request is expired');
  }
  // Obtained with a sign-in token whose session has ended since: over, as if expired.
  if (cred.signinSessionId !== null && !row.signin) {
    throw new IamError('ExpiredToken', 'The security token included in the request is expired');
  }
  const secret = await open(keys.masterKey, cred.secretCiphertext, temporarySecretContext(cred.id));
  const base = {
    accountId: cred.accountId,
    accessKeyId: cred.id,
    mfaAuthenticatedAt: cred.mfaAuthenticatedAt,
    tokenIssuedAt: cred.createdAt,
    ...(cred.signinSessionId !== null ? { signin: { sessionId: cred.signinSessionId, expiresAt: cred.expiresAt } } : {}),
  };
  if (cred.roleId && row.role) {
    const sessionName = cred.sessionName ?? 'session';
    // A web identity or SAML session carries its provider's context; one that cannot be read is no session.
    const federation = cred.federation !== null ? parseFederatedSession(cred.federation) : undefined;
    if (federation === null) throw new IamError('InvalidClientTokenId', 'The security token included in the request is invalid.');
    return {
      secret,
      caller: {
        ...base,
        kind: 'role-session',
        arn: assumedRoleArn(cred.accountId, row.role.name, sessionName),
        roleId: cred.roleId,
        roleName: row.role.name,
        roleArn: iamArn(cred.accountId, 'role', row.role.name, row.role.path),
        sessionName,
        sessionPolicies: cred.sessionPolicies ? (JSON.parse(cred.sessionPolicies) as string[]) : [],
        ...(federation ? { federation } : {}),
      },
    };
  }
  if (cred.roleId) throw new IamError('InvalidClientTokenId', 'The security token included in the request is invalid.');
  // INVARIANT: a user's session whose user row is gone is no credential at all, never the root user's.
  if (cred.userId && !row.user) throw new IamError('InvalidClientTokenId', 'The security token included in the request is invalid.');
  // GetFederationToken's credentials are the only ones without a role that carry a session name.
  if (cred.sessionName !== null) {
    return {
      secret,
      caller: {
        kind: 'federated-user',
        accountId: cred.accountId,
        accessKeyId: cred.id,
        arn: federatedUserArn(cred.accountId, cred.sessionName),
        federatedName: cred.sessionName,
        userId: cred.userId,
        sourceArn: cred.userId && row.user ? iamArn(cred.accountId, 'user', row.user.name, row.user.path) : rootArn(cred.accountId),
        sessionPolicies: cred.sessionPolicies ? (JSON.parse(cred.sessionPolicies) as string[]) : [],
        mfaAuthenticatedAt: null,
        tokenIssuedAt: cred.createdAt,
      },
    };
  }
  return {
    secret,
    caller: {
      ...base,
      kind: 'user-session',
      arn: cred.userId && row.user ? iamArn(cred.accountId, 'user', row.user.name, row.user.path) : rootArn(cred.accountId),
      userId: cred.userId,
      userName: row.user?.name ?? null,
      path: row.user?.path ?? '/',
    },
  };
}
