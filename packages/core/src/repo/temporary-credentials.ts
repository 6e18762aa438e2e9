// Issuing STS temporary credentials (ASIA...): a secret sealed under the master key and a session
// token of which only a SHA-256 is kept. The plaintext pair is returned once to the caller. A role
// session from an identity provider stores its federated context with them (authn/federated-session.ts).
import { serializeFederatedSession, type FederatedSession } from '../authn/federated-session';
import type { ServiceKeys } from '../crypto/keys';
import { seal } from '../crypto/secret-box';
import type { Db } from '../db/client';
import { temporaryCredentials } from '../db/schema';
import { newId, newOpaqueToken, newSecretAccessKey } from '../ids';
import { sha256Hex } from '../util/encoding';

export const temporarySecretContext = (id: string) => `temporary-credentials:${id}`;

export interface TemporaryCredentialInput {
  accountId: string;
  roleId?: string | null;
  userId?: string | null;
  sessionName?: string | null;
  sourceIdentityArn: string;
  sessionPolicies?: string[] | null;
  mfaAuthenticatedAt?: Date | null;
  now: Date;
  durationSeconds: number;
  /**
   * The sign-in session of the token that asks (directly or through a chained role): the credentials
   * end when it ends, and expire no later than the token does.
   */
  signin?: { sessionId: string; expiresAt: Date } | null;
  /** a role session from an identity provider (AssumeRoleWithWebIdentity, AssumeRoleWithSAML): what it carries */
  federation?: FederatedSession | null;
}

export async function issueTemporaryCredentials(db: Db, keys: ServiceKeys, input: TemporaryCredentialInput) {
  const id = newId('temporaryAccessKey');
  const secret = newSecretAccessKey();
  // Long like AWS's tokens; 64 random bytes is far beyond guessing.
  const sessionToken = `IQoJ${newOpaqueToken(64)}`;
  const requested = input.now.getTime() + input.durationSeconds * 1000;
  const expiresAt = new Date(input.signin ? Math.min(requested, input.signin.expiresAt.getTime()) : requested);
  const statement = db.insert(temporaryCredentials).values({
    id,
    accountId: input.accountId,
    secretCiphertext: await seal(keys.masterKey, secret, temporarySecretContext(id)),
    sessionTokenHash: await sha256Hex(sessionToken),
    roleId: input.roleId ?? null,
    userId: input.userId ?? null,
    sessionName: input.sessionName ?? null,
    sourceIdentityArn: input.sourceIdentityArn,
    sessionPolicies: input.sessionPolicies && input.sessionPolicies.length > 0 ? JSON.stringify(input.sessionPolicies) : null,
    mfaAuthenticatedAt: input.mfaAuthenticatedAt ?? null,
    signinSessionId: input.signin?.sessionId ?? null,
    federation: input.federation ? serializeFederatedSession(input.federation) : null,
    createdAt: input.now,
    expiresAt,
  });
  return { statement, credentials: { AccessKeyId: id, SecretAccessKey: secret, SessionToken: sessionToken, Expiration: expiresAt } };
}
