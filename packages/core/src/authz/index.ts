// Authorization: who the caller is allowed to be (their compiled effective policies), the global
// condition keys of a request, the condition keys each IAM/STS action documents and the facts they come
// from, the one decision function, and AWS's AccessDenied wording; for federation into roles, the
// identity providers' condition keys and the trust decision for a provider's user.
export { decide, type CallerRequest } from './decide';
export { accessDenied, denialReason } from './access-denied';
export { authorizationMessage, decodeAuthorizationMessage, encodeAuthorizationMessage, type DeniedRequest } from './authorization-message';
export { NO_PERMISSIONS } from './federated-user';
export { loadCallerPolicies, globalConditionKeys, type RequestEnvironment } from './caller-policies';
export { compileEffective, type CompiledPrincipal } from './compile-effective';
export {
  actionConditionKeys,
  documentedKeys,
  notApplicable,
  KEY_SOURCES,
  NOT_APPLICABLE,
  NO_ENTITY_FACTS,
  type ActionConditionKeys,
  type FactTag,
  type RequestFacts,
} from './action-condition-keys';
export { DOCUMENTED_CONDITION_KEYS, IAM_DATA_VERSION } from './iam-condition-keys';
export { unsetConditionKeyWarnings } from './unset-keys';
export { decideFederatedTrust, type FederatedTrustRequest } from './federated-trust';
export {
  BUILT_IN_WEB_IDENTITY_PROVIDERS,
  CARRIED_SAML_KEYS,
  carriedSamlKeys,
  carriedWebIdentityKeys,
  type FederationKeys,
  type FederationKeyValue,
  samlKeys,
  samlNameQualifier,
  samlSubjectType,
  webIdentityKeys,
  webIdentityProviderId,
} from './federation-keys';
