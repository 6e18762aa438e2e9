// The identity worker's Hono environment: the shared bindings and request id, the XML namespace errors
// render in (IAM's or STS's), and the action context once a request has one (onError audits failures
// through it). Route handlers read what the request-setup middleware established.
import type { Env } from '@edge-iam/core';
import type { ActionContext } from './context';

export type IdentityEnv = {
  Bindings: Env;
  Variables: { requestId: string; namespace?: string; actionContext?: ActionContext };
};
