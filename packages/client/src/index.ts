// @edge-iam/client: a typed client for edge-iam's POST /authorize, with an optional decision cache.
// The Hono middleware is `@edge-iam/client/hono`.
export { createClient, type AuthorizeClient, type ClientOptions } from './client.js';
export { DecisionCache, SERVICE_FRESHNESS_MS, DEFAULT_CACHE_TTL_MS, type DecisionCacheOptions } from './cache.js';
export { AuthorizeError, ConfigurationError } from './errors.js';
export { forwardSignedRequest } from './forward.js';
export type * from './types.js';
