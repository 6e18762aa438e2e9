// SAML 2.0 for federation into roles (issue #16): IdP metadata for CreateSAMLProvider / UpdateSAMLProvider,
// and verified SAML responses for AssumeRoleWithSAML. Pure functions over text: no D1, no env, no clock
// (the caller passes `now`), no network. Results are values (SamlResult); bad input never throws.
export { parseSamlMetadata } from './metadata';
export { verifySamlResponse } from './response';
export type { SamlErrorCode, SamlMetadata, SamlResult, VerifiedSamlAssertion, VerifySamlOptions } from './types';
