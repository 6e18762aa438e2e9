// The app settings form's values: as typed (so a refused form comes back as the person left it), from
// an app's settings (the edit form), read from a post, and checked (rules.ts) into the API's settings.
import { OAUTH_TTL } from '@edge-iam/core/web';
import { list, text, type Form } from '../../render';
import type { FieldErrors } from '../../ui/components';
import { lifetime, lines, nameProblem, uriListProblem, type Lifetime } from './rules';
import type { App, AppSettings } from './shared';

export interface AppFormValues {
  name: string;
  clientType: string;
  redirectUris: string;
  postLogoutRedirectUris: string;
  profile: boolean;
  access: string;
  id: string;
  refresh: string;
}

export const EMPTY_FORM: AppFormValues = {
  name: '',
  clientType: '',
  redirectUris: '',
  postLogoutRedirectUris: '',
  profile: true,
  access: String(OAUTH_TTL.accessToken.default),
  id: String(OAUTH_TTL.idToken.default),
  refresh: String(OAUTH_TTL.refreshToken.default),
};

export const valuesOf = (a: App): AppFormValues => ({
  name: a.name,
  clientType: a.clientType,
  redirectUris: a.redirectUris.join('\n'),
  postLogoutRedirectUris: a.postLogoutRedirectUris.join('\n'),
  profile: a.scopes.includes('profile'),
  access: String(a.accessTokenTtlSeconds),
  id: String(a.idTokenTtlSeconds),
  refresh: String(a.refreshTokenTtlSeconds),
});

export function readAppForm(form: Form): AppFormValues {
  return {
    name: text(form, 'name', 400),
    clientType: text(form, 'client_type', 32),
    redirectUris: text(form, 'redirect_uris', 64 * 1024),
    postLogoutRedirectUris: text(form, 'post_logout_redirect_uris', 64 * 1024),
    profile: list(form, 'scope').includes('profile'),
    access: text(form, 'access_token_ttl', 32),
    id: text(form, 'id_token_ttl', 32),
    refresh: text(form, 'refresh_token_ttl', 32),
  };
}

const LIFETIMES: readonly (readonly [keyof AppFormValues & ('access' | 'id' | 'refresh'), Lifetime, string, string])[] = [
  ['access', 'accessToken', 'access_token_ttl', 'access token lifetime'],
  ['id', 'idToken', 'id_token_ttl', 'ID token lifetime'],
  ['refresh', 'refreshToken', 'refresh_token_ttl', 'refresh token lifetime'],
];

/** The settings to send, or every field's problem. `withType`: the form asks for the client type. */
export function checkAppForm(
  v: AppFormValues,
  withType: boolean,
): { ok: true; settings: AppSettings; clientType: App['clientType'] } | { ok: false; errors: FieldErrors } {
  const errors: Record<string, string> = {};
  const nameError = nameProblem(v.name);
  if (nameError) errors.name = nameError;
  if (withType && v.clientType !== 'public' && v.clientType !== 'confidential') {
    errors.client_type = 'Choose whether the app is confidential (it has a server) or public (it runs in a browser or on a device)';
  }
  const redirectUris = lines(v.redirectUris);
  const postLogoutRedirectUris = lines(v.postLogoutRedirectUris);
  const uriError = uriListProblem(redirectUris, 'redirect URI', true);
  if (uriError) errors.redirect_uris = uriError;
  const logoutError = uriListProblem(postLogoutRedirectUris, 'post-logout redirect URI', false);
  if (logoutError) errors.post_logout_redirect_uris = logoutError;
  const ttl: Partial<Record<Lifetime, number>> = {};
  for (const [key, which, field, label] of LIFETIMES) {
    const r = lifetime(v[key], which, label);
    if ('error' in r) errors[field] = r.error;
    else ttl[which] = r.value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    clientType: v.clientType as App['clientType'],
    settings: {
      name: v.name,
      redirectUris,
      postLogoutRedirectUris,
      scopes: v.profile ? ['openid', 'profile'] : ['openid'],
      accessTokenTtlSeconds: ttl.accessToken!,
      idTokenTtlSeconds: ttl.idToken!,
      refreshTokenTtlSeconds: ttl.refreshToken!,
    },
  };
}

/** 900 → "15 minutes", 43200 → "12 hours": the largest whole unit. */
export function duration(n: number): string {
  const [size, unit] = n % 86_400 === 0 ? [86_400, 'day'] : n % 3600 === 0 ? [3600, 'hour'] : n % 60 === 0 ? [60, 'minute'] : [1, 'second'];
  const k = n / size;
  return `${k} ${unit}${k === 1 ? '' : 's'}`;
}

/** "900 seconds (15 minutes)": a lifetime as a person reads it. */
export const readableSeconds = (n: number) => (n >= 60 && n % 60 === 0 ? `${n} seconds (${duration(n)})` : `${n} seconds`);
