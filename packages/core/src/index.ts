// The public surface of @edge-iam/core. Workers import from here or from a concern's own module
// (e.g. '@edge-iam/core/policy/index').
export * from './errors';
export type { Env } from './env';
export { createDb, type Db } from './db/client';
export * from './ids';
export * from './arn';
export { loadServiceKeys, requireServiceKeys, generateKeyMaterial, ConfigError, type ServiceKeys } from './crypto/keys';
export { seal, open } from './crypto/secret-box';
export { hashPassword, verifyPassword, burnPasswordCheck, PBKDF2_ITERATIONS } from './crypto/password-hash';
export { generatePassword } from './passwords/generator';
export { timingSafeEqual } from './crypto/constant-time';
