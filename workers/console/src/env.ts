// What every console route knows: the bindings (the shared D1 for sessions, the identity worker for
// every action), the CSRF token for its forms, and the signed-in person with an IAM client acting as
// them (set by requireSession for every page).
import type { Context } from 'hono';
import type { Env } from '@edge-iam/core';
import type { IamApi } from './iam-api';
import type { ConsoleSession } from './session';

export type ConsoleBindings = Env & { IDENTITY: Fetcher };

export type ConsoleEnv = {
  Bindings: ConsoleBindings;
  Variables: { requestId: string; csrfToken: string; session: ConsoleSession; iam: IamApi };
};
export type ConsoleContext = Context<ConsoleEnv>;
