// Repositories: plain functions over `db`, one aggregate per module; reads run, writes are statements for one db.batch.
export {
  deleteAccessKeyStatement,
  findAccessKey,
  getAccessKey,
  listAccessKeys,
  newAccessKey,
  setAccessKeyStatusStatement,
} from './access-keys';
export { accessKeyAccount, accountInAccessKeyId, isWellFormedAccessKeyId } from './access-key-info';
export { loadAccountFacts } from './account-facts';
export { deleteAccountAliasStatement, getAccountAlias, setAccountAliasStatement } from './accounts';
export {
  attachedCount,
  attachStatement,
  detachStatement,
  isAttached,
  KIND_ORDER,
  listAttached,
  listEntitiesForPolicy,
  type PrincipalKind,
  type PrincipalRef,
} from './attachments';
export { type AuditEntry, auditStatement, auditStatementWhen, writeAudit } from './audit';
export { readAuditLog } from './audit-read';
export { loadAuthorizationDetails } from './authorization-details';
export { getStoredCredentialReport, loadCredentialReportInput, putCredentialReportStatement } from './credential-reports';
export { type EffectivePolicies, loadRolePolicies, loadUserPolicies } from './effective-policies';
export { findGroupByArn, loadGroupPolicies } from './group-policies';
export {
  addMemberStatement,
  deleteGroupStatement,
  findGroup,
  groupDependents,
  type GroupRow,
  insertGroupStatement,
  listGroupMembers,
  listGroups,
  listGroupsForUser,
  membershipOf,
  removeMemberStatement,
  updateGroupStatement,
} from './groups';
export {
  deleteInlinePolicyStatement,
  findInlinePolicy,
  type InlineOwner,
  type InlineOwnerKind,
  inlinePolicyDocuments,
  listInlinePolicyNames,
  putInlinePolicyStatements,
} from './inline-policies';
export {
  addRoleStatement,
  deleteInstanceProfileStatement,
  findInstanceProfile,
  insertInstanceProfileStatement,
  type InstanceProfileRow,
  listInstanceProfiles,
  listInstanceProfilesForRole,
  removeRoleStatement,
  rolesInInstanceProfile,
  rolesOfInstanceProfiles,
} from './instance-profiles';
export {
  deleteLoginProfileStatement,
  getLoginProfile,
  insertLoginProfileStatement,
  type LoginProfile,
  recentPasswordHashes,
  recordPasswordUse,
  rootPasswordChangeStatements,
  setPasswordResetRequiredStatement,
  userPasswordChangeStatements,
} from './login-profiles';
export { purgeExpired } from './maintenance';
export {
  type ActorAccess,
  findServiceAccessJob,
  groupsByIds,
  insertServiceAccessJobStatement,
  lastAccessByActor,
  type ServiceAccessJob,
} from './service-access';
export {
  createPolicyStatements,
  createVersionStatements,
  defaultVersionDocuments,
  deletePolicyStatement,
  deleteVersionStatement,
  findPolicy,
  findPolicyRef,
  findVersion,
  listPolicies,
  listVersions,
  type PolicyVersionRow,
  type PolicyVersionSummary,
  type PolicyWithCounts,
  setDefaultVersionStatement,
  versionNumber,
} from './managed-policies';
export { deleteMfaDeviceTagsStatement } from './mfa-device-tags';
export {
  consumeTotpStep,
  countEnabledMfaDevices,
  deleteUnassignedMfaDeviceStatement,
  enabledMfaDevices,
  enableMfaDevice,
  enableMfaDeviceStatement,
  findAccountMfaDevice,
  getMfaDevice,
  insertMfaDeviceStatement,
  listOwnedMfaDevices,
  listVirtualMfaDevices,
  type MfaDevice,
  mfaSeedContext,
  mfaSerialNumber,
  openMfaSeed,
  PENDING_SEED_REUSE_MS,
  pendingVirtualMfaDevice,
  resyncMfaDeviceStatement,
  ROOT_MFA_DEVICE_NAME,
  unassignMfaDeviceStatement,
} from './mfa-devices';
export {
  deletePasswordPolicyStatement,
  effectivePasswordPolicy,
  getAccountPasswordPolicy,
  putPasswordPolicyStatement,
} from './password-policy';
export {
  addOidcClientIdStatement,
  countOidcProviders,
  deleteOidcProviderStatements,
  findOidcProvider,
  insertOidcProviderStatements,
  listOidcProviderArns,
  MAX_OIDC_CLIENT_IDS,
  MAX_OIDC_PROVIDERS,
  MAX_OIDC_THUMBPRINTS,
  type OidcProvider,
  oidcProviderArn,
  removeOidcClientIdStatement,
  setOidcThumbprintsStatement,
} from './oidc-providers';
export { findPrincipalByArn, principalArnsByIds } from './principal-lookup';
export { type Attempt, type AttemptLimit, type AttemptSubject, attemptSucceeded, recordFailure, takeAttempt } from './rate-limit';
export {
  deleteRoleStatement,
  findRole,
  insertRoleStatement,
  listRoles,
  recordRoleUseStatement,
  roleDependents,
  type RoleRow,
  setRoleBoundaryStatement,
  updateRoleStatement,
} from './roles';
export {
  countSamlProviders,
  deleteSamlProviderStatements,
  findSamlProvider,
  insertSamlProviderStatements,
  listSamlProviders,
  MAX_SAML_PROVIDERS,
  type SamlMetadataFacts,
  type SamlProvider,
  samlProviderArn,
  updateSamlMetadataStatement,
} from './saml-providers';
export { purgeRedeemedAssertionsStatement, redeemAssertionStatements } from './saml-replay';
export { createServiceLinkedRoleStatements, deleteServiceLinkedRoleStatements, firstAwsManagedPolicy } from './service-linked-roles';
export {
  countServerCertificates,
  deleteServerCertificateStatements,
  findServerCertificate,
  insertServerCertificateStatement,
  listServerCertificates,
  serverCertificateKeyContext,
  type ServerCertificateRow,
  updateServerCertificateStatement,
} from './server-certificates';
export {
  deleteServiceSpecificCredentialStatement,
  findServiceSpecificCredential,
  listServiceSpecificCredentials,
  newServiceSpecificCredential,
  resetServiceSpecificCredentialStatement,
  serviceSecretHash,
  type ServiceSpecificCredentialRow,
  setServiceSpecificCredentialStatusStatement,
} from './service-specific-credentials';
export {
  deleteSigningCertificateStatement,
  findSigningCertificate,
  listSigningCertificates,
  newSigningCertificate,
  setSigningCertificateStatusStatement,
  type SigningCertificateRow,
} from './signing-certificates';
export {
  deleteSshPublicKeyStatement,
  findSshPublicKey,
  listSshPublicKeys,
  newSshPublicKey,
  setSshPublicKeyStatusStatement,
  type SshPublicKeyRow,
} from './ssh-public-keys';
export { type GlobalEndpointTokenVersion, setGlobalEndpointTokenVersionStatement } from './sts-preferences';
export { findAccount, findRootForSignin, findSessionPrincipal, findUserForSignin, type SigninPrincipal } from './signin-principals';
export {
  advanceSession,
  findSession,
  findTokenSession,
  type IssuedSession,
  newSession,
  revokePrincipalSessionsStatement,
  revokeSession,
  revokeSessionByIdStatement,
  type SessionStage,
  type SigninSession,
  type TokenSession,
} from './signin-sessions';
export {
  type ClientSettings,
  deleteClientStatement,
  findAccountClient,
  findClient,
  isWellFormedClientId,
  listClients,
  MAX_CLIENT_REDIRECT_URIS,
  MAX_OAUTH_CLIENTS_PER_ACCOUNT,
  newClient,
  type NewClient,
  OAUTH_SCOPES,
  OAUTH_TTL,
  type OAuthClient,
  type OAuthScope,
  rotateClientSecret,
  updateClientStatement,
  verifyClientSecret,
} from './oauth-clients';
export {
  type Authorization,
  CODE_TTL_MS,
  findCode,
  findGrant,
  findRefreshToken,
  type GrantRevocationReason,
  newCode,
  type OAuthCode,
  type OAuthGrant,
  purgeOAuthStatements,
  revokeGrantStatement,
  rotateRefreshToken,
  type RotateResult,
  startGrant,
  type StartGrantResult,
} from './oauth-grants';
export { getRedirectUris, setRedirectUrisStatement } from './signin-settings';
export { type ActiveSigningKey, activeSigningKey, publishedJwks } from './signing-keys';
export { type Guard, type Statement } from './statement';
export {
  assertTagsFit,
  deleteAllTagsStatement,
  hasDuplicateKeys,
  listTags,
  putTagsStatements,
  removeTagsStatements,
  type Tag,
} from './tags';
export { issueTemporaryCredentials } from './temporary-credentials';
export {
  deleteUserStatement,
  findUser,
  findUserById,
  insertUserStatement,
  listUsers,
  setUserBoundaryStatement,
  updateUserStatement,
  userDependents,
  type UserRow,
} from './users';
export {
  GROUPS_PER_USER,
  MAX_ACCESS_KEYS_PER_USER,
  MAX_ATTACHED_POLICIES,
  MAX_MFA_DEVICES_PER_USER,
  MAX_POLICY_VERSIONS,
  MAX_REDIRECT_URIS,
  MAX_SERVER_CERTIFICATES,
  MAX_SERVICE_CREDENTIALS_PER_USER_PER_SERVICE,
  MAX_SIGNING_CERTIFICATES_PER_USER,
  MAX_SSH_PUBLIC_KEYS_PER_USER,
  ROLES_PER_INSTANCE_PROFILE,
} from '../quotas';
