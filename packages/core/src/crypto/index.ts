// Cryptographic primitives: service keys, sealed secrets, password hashing, TOTP, JWTs, constant-time comparison.
export { timingSafeEqual } from './constant-time';
export {
  audienceFor,
  SIGNIN_TOKEN_ALG,
  type SigninTokenClaims,
  signSigninToken,
  type TokenAudience,
  tokenConfig,
  type TokenConfig,
  type TokenVerification,
  verifySigninToken,
} from './jwt';
export { requireServiceKeys, type ServiceKeys } from './keys';
export { burnPasswordCheck, hashPassword, verifyPassword } from './password-hash';
export { seal } from './secret-box';
export { generateTotpSecret, totpUri, verifyConsecutiveTotp, verifyTotp } from './totp';
export { API_REGIONS, checkApiScope, MAX_API_PRESIGN_SECONDS } from './sigv4/api-scope';
export { parseSigV4 } from './sigv4/verify';
