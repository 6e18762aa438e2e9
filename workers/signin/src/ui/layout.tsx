// The frame of every hosted page and the small pieces forms share. hono/jsx escapes every value it
// renders, so user-controlled text (names, messages, URLs) can never become markup.
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { CSRF_FIELD } from '../config';
import { COPY } from './copy';

export const Layout: FC<PropsWithChildren<{ title: string; head?: Child }>> = ({ title, head, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <meta name="robots" content="noindex" />
      <title>{`${title} · ${COPY.product}`}</title>
      <link rel="stylesheet" href="/assets/signin.css" />
      {head}
    </head>
    <body>
      <header class="brand">
        <span class="logo" aria-hidden="true">
          e
        </span>
        <span>{COPY.product}</span>
      </header>
      <main>
        <div class="card">{children}</div>
      </main>
    </body>
  </html>
);

export const CsrfField: FC<{ token: string }> = ({ token }) => <input type="hidden" name={CSRF_FIELD} value={token} />;

export const ErrorAlert: FC<{ message?: string | null; items?: readonly string[] }> = ({ message, items }) =>
  message ? (
    <div class="alert error" role="alert">
      {message}
      {items && items.length > 0 ? (
        <ul>
          {items.map((i) => (
            <li>{i}</li>
          ))}
        </ul>
      ) : null}
    </div>
  ) : null;

export const Notice: FC<{ message?: string | null }> = ({ message }) =>
  message ? (
    <div class="alert ok" role="status">
      {message}
    </div>
  ) : null;

type InputProps = {
  label: string;
  name: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  autocomplete: string;
  hint?: string;
  autofocus?: boolean;
  code?: boolean;
};

export const Field: FC<InputProps> = ({ label, name, type = 'text', value, autocomplete, hint, autofocus, code }) => (
  <label>
    {label}
    {hint ? <span class="hint">{hint}</span> : null}
    <input
      type={type}
      name={name}
      id={name}
      value={value}
      autocomplete={autocomplete}
      required
      autofocus={autofocus}
      spellcheck={false}
      autocapitalize="none"
      {...(code ? { class: 'code', inputmode: 'numeric', pattern: '[0-9 ]*', maxlength: 7 } : {})}
    />
  </label>
);
