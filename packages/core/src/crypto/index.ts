// Cryptographic primitives: service keys, sealed secrets, password hashing, TOTP, JWTs, constant-time comparison,
// and the parsing of the public-key material users upload (SSH public keys, X.509 certificates and private keys).
export { timingSafeEqual } from './constant-time';
export {
  ACCESS_TOKEN_TYP,
  type AccessTokenClaims,
  type AccessTokenVerification,
  audienceFor,
  SIGNIN_TOKEN_ALG,
  type SigninTokenClaims,
  signSigninToken,
  type TokenAudience,
  tokenConfig,
  type TokenConfig,
  type TokenVerification,
  unverifiedAccessTokenClient,
  verifyAccessToken,
  verifySigninToken,
} from './jwt';
export { requireServiceKeys, type ServiceKeys } from './keys';
export { burnPasswordCheck, hashPassword, verifyPassword } from './password-hash';
export { seal } from './secret-box';
export { signedUuid, verifySignedUuid } from './signed-uuid';
export { MIN_SSH_RSA_BITS, parseSshPublicKey, type SshPublicKey } from './ssh-public-key';
export { checkChain, checkPrivateKey, parseCertificate, type ParsedCertificate } from './x509';
export { generateTotpSecret, totpUri, verifyConsecutiveTotp, verifyTotp } from './totp';
export { API_REGIONS, checkApiScope, MAX_API_PRESIGN_SECONDS } from './sigv4/api-scope';
export { parseSigV4 } from './sigv4/verify';
