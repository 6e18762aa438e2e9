// Who is calling the IAM/STS API, as established by authentication. Every later decision (what they
// may do, what GetUser without a name returns, what the audit log records) starts from this.
// INVARIANT: names and paths here are read from the principal's row by unique id at authentication,
// never carried over from a credential issued earlier (a renamed user's token acts as that user, under
// the current name).
import type { FederatedSession } from './federated-session';

/**
 * The sign-in session a caller lives by: a sign-in token's, or that of the token that obtained these
 * temporary credentials (directly or by role chaining). Ends them when it ends; `expiresAt` caps
 * anything issued from them.
 */
export interface SigninSessionBinding {
  sessionId: string;
  expiresAt: Date;
}
export type Caller =
  | { kind: 'root'; accountId: string; arn: string; accessKeyId: string }
  | { kind: 'user'; accountId: string; arn: string; accessKeyId: string; userId: string; userName: string; path: string }
  | {
      kind: 'role-session';
      accountId: string;
      arn: string; // arn:aws:sts::<account>:assumed-role/<role>/<session>
      accessKeyId: string;
      roleId: string;
      roleName: string;
      roleArn: string;
      sessionName: string;
      sessionPolicies: string[];
      mfaAuthenticatedAt: Date | null;
      tokenIssuedAt: Date;
      signin?: SigninSessionBinding;
      /** a session from AssumeRoleWithWebIdentity or AssumeRoleWithSAML: its identity provider's context */
      federation?: FederatedSession;
    }
  | {
      kind: 'user-session'; // GetSessionToken credentials, or a sign-in token, of a user or root
      accountId: string;
      arn: string;
      accessKeyId: string;
      userId: string | null;
      userName: string | null;
      path: string;
      mfaAuthenticatedAt: Date | null;
      tokenIssuedAt: Date;
      signin?: SigninSessionBinding;
    }
  | {
      /**
       * GetFederationToken credentials: a federated user acting with at most the permissions of the IAM
       * user (or root user) whose long-term keys asked, narrowed by the session policies given then.
       */
      kind: 'federated-user';
      accountId: string;
      arn: string; // arn:aws:sts::<account>:federated-user/<name>
      accessKeyId: string;
      federatedName: string;
      /** the IAM user who asked; null when the root user did */
      userId: string | null;
      /** that user's ARN (or the root user's), whose policies bound the session */
      sourceArn: string;
      /** INVARIANT: none means the session has no permissions at all (AWS: "no policy, no permissions") */
      sessionPolicies: string[];
      mfaAuthenticatedAt: null;
      tokenIssuedAt: Date;
    };

/** The account's root user, with its long-term keys or a session of its own (token, GetSessionToken). */
export const isRootCaller = (caller: Caller) => caller.kind === 'root' || (caller.kind === 'user-session' && caller.userId === null);

/** The calling IAM user's name; null for the root user and for role sessions. */
export const callerUserName = (caller: Caller) => (caller.kind === 'user' || caller.kind === 'user-session' ? caller.userName : null);

/** The principal type AWS reports for aws:PrincipalType. */
export function principalType(caller: Caller): 'Account' | 'User' | 'AssumedRole' | 'FederatedUser' {
  if (isRootCaller(caller)) return 'Account';
  if (caller.kind === 'role-session') return 'AssumedRole';
  if (caller.kind === 'federated-user') return 'FederatedUser';
  return 'User';
}
