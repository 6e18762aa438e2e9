// @edge-iam/client/hono: the Hono middleware (hono is a peer dependency of this entry only).
export { authorize, logDenialsAndOutages, type AuthorizeEvent, type AuthorizeOptions, type FromContext } from './hono/middleware.js';
export type { Problem } from './hono/credentials.js';
export { deniedResponse, unauthenticatedResponse, unavailableResponse, type Denial } from './hono/responses.js';
export { clientAddress, normalizeIp } from './hono/source-ip.js';
