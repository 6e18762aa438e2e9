// What every worker shares over HTTP: the app frame, JSON errors, body validation, client facts.
export { clientInfo, clientIpSource, isSecureUrl, type ClientInfo, type ClientIpSource } from './client-info';
export { asIamError, jsonError } from './json-errors';
export { parseWith, readJsonBody } from './validate';
export { type AppEnv, createWorkerApp } from './worker-app';
