export { AuthorizeError, createClient, type AuthorizeClient, type ClientOptions } from './client';
export { forwardSignedRequest } from './forward';
export type * from './types';
