// The public surface of @edge-iam/core. Workers import from here or from a concern's own module
// (e.g. '@edge-iam/core/policy/index').
export * from './errors';
export type { Env } from './env';
export { createDb, type Db } from './db/client';
export * as schema from './db/schema';
export * from './ids';
export * from './arn';
export { loadServiceKeys, requireServiceKeys, generateKeyMaterial, ConfigError, type ServiceKeys } from './auth/keys';
export { seal, open } from './auth/secret-box';
export { hashPassword, verifyPassword, burnPasswordCheck, PBKDF2_ITERATIONS } from './auth/password-hash';
export { generatePassword } from './auth/password-generator';
export { timingSafeEqual } from './auth/constant-time';
