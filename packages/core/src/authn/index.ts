// Who is calling: SigV4 credentials (long-term and STS) and sign-in tokens resolved to a Caller, and the
// identity providers' tokens that federation exchanges for role sessions (web identity ID tokens).
export { type Caller, callerUserName, isRootCaller, type SigninSessionBinding } from './caller';
export { authenticateSigV4, resolveCredential, type ResolvedCredential, type SigV4CallerOptions } from './sigv4-caller';
export { authenticateToken, callerFromToken, checkTokenFor, sessionEnded, tokenCaller, tokenRejected } from './token-caller';
export {
  type AccessTokenGrant,
  issueAccessToken,
  issueToken,
  type IssuedToken,
  type TokenIssuerDeps,
  type TokenSessionRef,
} from './issue-token';
export { type FederatedSession } from './federated-session';
export {
  tokenAudiences,
  unverifiedIssuer,
  type VerifiedClaims,
  verifyWebIdentityToken,
  WEB_IDENTITY_ALGORITHMS,
  type WebIdentityVerification,
} from './web-identity-token';
