// AWS's IAM quotas that this service enforces, in one place. Each is checked inside the write that
// could exceed it (a guarded insert or update), so concurrent requests cannot overshoot; the error
// names the quota as AWS does (`Cannot exceed quota for <Name>: <n>`).

/** Access keys per IAM user (and for the root user). */
export const MAX_ACCESS_KEYS_PER_USER = 2;
/** Groups an IAM user can be a member of. */
export const GROUPS_PER_USER = 10;
/** Managed policies attached to one user, group or role. */
export const MAX_ATTACHED_POLICIES = 10;
/** Versions of one customer-managed policy. */
export const MAX_POLICY_VERSIONS = 5;
/** MFA devices assigned to one user (and to the root user). */
export const MAX_MFA_DEVICES_PER_USER = 8;
/** Roles in one instance profile; AWS does not let this be raised. */
export const ROLES_PER_INSTANCE_PROFILE = 1;
/** Tags on one user, role, policy, instance profile or MFA device. */
export const MAX_TAGS = 50;
/** Redirect URIs the hosted sign-in may return tokens to, per account (ours, not AWS's). */
export const MAX_REDIRECT_URIS = 20;
/** SSH public keys per IAM user. */
export const MAX_SSH_PUBLIC_KEYS_PER_USER = 5;
/** X.509 signing certificates per IAM user (and for the root user). */
export const MAX_SIGNING_CERTIFICATES_PER_USER = 2;
/** Service-specific credentials per IAM user for one service. */
export const MAX_SERVICE_CREDENTIALS_PER_USER_PER_SERVICE = 2;
/** Server certificates per account. */
export const MAX_SERVER_CERTIFICATES = 20;
