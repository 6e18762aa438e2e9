// The provider's back-channel endpoints: token, userinfo, revocation and introspection.
import { Hono } from 'hono';
import type { SigninEnv } from '../context';

export const oidcApi = new Hono<SigninEnv>();
