// Static assets of the hosted pages (the stylesheet). Versioned by content hash in the URL would allow
// immutable caching; an hour is plenty for one small file.
import { Hono } from 'hono';
import type { SigninEnv } from '../context';
import { STYLESHEET } from '../ui/styles';

export const assets = new Hono<SigninEnv>();

assets.get('/assets/signin.css', (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', 'public, max-age=3600');
  return c.body(STYLESHEET);
});
