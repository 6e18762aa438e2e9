// Authorization: who the caller is allowed to be (their compiled effective policies), the global
// condition keys of a request, the one decision function, and AWS's AccessDenied wording.
export { decide, type CallerRequest } from './decide';
export { accessDenied, denialReason } from './access-denied';
export { loadCallerPolicies, globalConditionKeys, type RequestEnvironment } from './caller-policies';
export { compileEffective, type CompiledPrincipal } from './compile-effective';
