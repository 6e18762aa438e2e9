// The HTML rendering of the error vocabulary, for the hosted pages (the API keeps JSON): the error's
// status and message on a plain page with a way back. Internal failures never show their details.
import type { Context } from 'hono';
import { asIamError } from '@edge-iam/core/http';
import { MessagePage } from '../ui/signin-pages';

const TITLES: Partial<Record<string, string>> = {
  InvalidCsrfToken: 'Please try again',
  AccessDenied: 'Not allowed',
  PasswordExpired: 'Password expired',
  TooManyAttempts: 'Too many attempts',
  ServiceUnavailable: 'Sign-in is unavailable',
  ServiceFailure: 'Something went wrong',
};

export function htmlError(err: unknown, c: Context): Response | Promise<Response> {
  const e = asIamError(err);
  if (e.code === 'ServiceFailure') console.error('unhandled error', err);
  c.status(e.status as 400);
  const back =
    e.code === 'AccessDenied' || e.code === 'EntityAlreadyExists'
      ? { href: '/account', text: 'Back to your account' }
      : { href: '/signin', text: 'Back to sign-in' };
  return c.html(<MessagePage title={TITLES[e.code] ?? 'Sign-in problem'} message={e.message} link={back} />);
}
