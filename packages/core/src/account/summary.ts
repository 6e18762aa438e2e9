// GetAccountSummary's SummaryMap: the account's entity counts next to IAM's quotas, with AWS's key
// names. The quotas are AWS's defaults; the ones this service enforces come from quotas.ts, which the
// enforcing writes read too, so the summary can never disagree with a LimitExceeded answer.
import { POLICY_LIMITS } from '../policy/limits';
import {
  GROUPS_PER_USER,
  MAX_ACCESS_KEYS_PER_USER,
  MAX_ATTACHED_POLICIES,
  MAX_POLICY_VERSIONS,
  MAX_SERVER_CERTIFICATES,
  MAX_SIGNING_CERTIFICATES_PER_USER,
} from '../quotas';

export interface AccountCounts {
  users: number;
  groups: number;
  roles: number;
  instanceProfiles: number;
  /** customer managed policies */
  policies: number;
  /** versions of customer managed policies */
  policyVersions: number;
  mfaDevices: number;
  mfaDevicesInUse: number;
  rootMfaEnabled: boolean;
  rootAccessKeys: number;
  rootPasswordPresent: boolean;
  rootSigningCertificates: number;
  serverCertificates: number;
  /** SetSecurityTokenServicePreferences: 1 (v1Token) or 2 (v2Token) */
  globalEndpointTokenVersion: number;
}

/** AWS's default quotas for what this service does not enforce itself. */
export const AWS_DEFAULT_QUOTAS = {
  UsersQuota: 5000,
  GroupsQuota: 300,
  RolesQuota: 1000,
  PoliciesQuota: 1500,
  PolicyVersionsInUseQuota: 10000,
  InstanceProfilesQuota: 1000,
} as const;

/** The SummaryMap entries, in alphabetical order as AWS lists them. */
export function summaryEntries(c: AccountCounts): [string, number][] {
  const flag = (b: boolean) => (b ? 1 : 0);
  const map: Record<string, number> = {
    AccessKeysPerUserQuota: MAX_ACCESS_KEYS_PER_USER,
    AccountAccessKeysPresent: flag(c.rootAccessKeys > 0),
    AccountMFAEnabled: flag(c.rootMfaEnabled),
    AccountPasswordPresent: flag(c.rootPasswordPresent),
    AccountSigningCertificatesPresent: flag(c.rootSigningCertificates > 0),
    AssumeRolePolicySizeQuota: POLICY_LIMITS.trust,
    AttachedPoliciesPerGroupQuota: MAX_ATTACHED_POLICIES,
    AttachedPoliciesPerRoleQuota: MAX_ATTACHED_POLICIES,
    AttachedPoliciesPerUserQuota: MAX_ATTACHED_POLICIES,
    GlobalEndpointTokenVersion: c.globalEndpointTokenVersion,
    GroupPolicySizeQuota: POLICY_LIMITS.inlineGroup,
    Groups: c.groups,
    GroupsPerUserQuota: GROUPS_PER_USER,
    GroupsQuota: AWS_DEFAULT_QUOTAS.GroupsQuota,
    InstanceProfiles: c.instanceProfiles,
    InstanceProfilesQuota: AWS_DEFAULT_QUOTAS.InstanceProfilesQuota,
    MFADevices: c.mfaDevices,
    MFADevicesInUse: c.mfaDevicesInUse,
    Policies: c.policies,
    PoliciesQuota: AWS_DEFAULT_QUOTAS.PoliciesQuota,
    PolicySizeQuota: POLICY_LIMITS.managed,
    PolicyVersionsInUse: c.policyVersions,
    PolicyVersionsInUseQuota: AWS_DEFAULT_QUOTAS.PolicyVersionsInUseQuota,
    Providers: 0,
    RolePolicySizeQuota: POLICY_LIMITS.inlineRole,
    Roles: c.roles,
    RolesQuota: AWS_DEFAULT_QUOTAS.RolesQuota,
    ServerCertificates: c.serverCertificates,
    ServerCertificatesQuota: MAX_SERVER_CERTIFICATES,
    SigningCertificatesPerUserQuota: MAX_SIGNING_CERTIFICATES_PER_USER,
    UserPolicySizeQuota: POLICY_LIMITS.inlineUser,
    Users: c.users,
    UsersQuota: AWS_DEFAULT_QUOTAS.UsersQuota,
    VersionsPerPolicyQuota: MAX_POLICY_VERSIONS,
  };
  return Object.entries(map);
}
