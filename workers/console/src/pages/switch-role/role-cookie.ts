// The role a person has switched to, kept in this browser: the temporary credentials STS AssumeRole
// returned, in a cookie the browser can neither read nor forge. Its value is an AES-GCM secret box
// under the service's master key whose additional data names the sign-in session, so a cookie copied
// from another session (another person, or this person before signing out) fails to open and is
// ignored, as is any edited byte. It expires with the credentials.
//
// Why `__Host-` and so Path=/ rather than Path=/console: the prefix is what stops a sibling subdomain
// or a plain-HTTP page from planting or overwriting the cookie (cookie tossing), while a path is no
// security boundary on one origin. Sent to the origin's other paths, the value is still opaque and
// HttpOnly, and only the console (which holds the session it is bound to) ever opens it.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { open, seal } from '@edge-iam/core';
import { requireServiceKeys } from '@edge-iam/core/crypto';

/** The cookie's name without its `__Host-` prefix (hono/cookie adds it). */
export const ROLE_COOKIE = 'edge-iam-role';

/** What the console keeps of a role session: the credentials and what the header shows. */
export interface RoleSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: Date;
  /** the role's ARN, and its name with path as the form took it (`ci/Deployer`) */
  roleArn: string;
  roleName: string;
  /** the account as the person typed it (id or alias), for the header */
  account: string;
  displayName: string;
  /** the assumed-role session's ARN (`arn:aws:sts::…:assumed-role/<role>/<session>`) */
  arn: string;
}

/** What reading the cookie found: a live role session, one that has expired, or nothing usable. */
export type RoleCookie =
  { kind: 'role'; role: RoleSession } | { kind: 'expired'; role: RoleSession } | { kind: 'none' } | { kind: 'refused' };

// The secret box's context: this purpose, this sign-in session. Versioned so a later format can refuse old boxes.
const context = (sessionId: string) => `console-role-session:v1:${sessionId}`;
// A sealed role session is well under 1 KiB; anything far larger is not ours.
const MAX_COOKIE_CHARS = 3000;

const COOKIE = { prefix: 'host', httpOnly: true, secure: true, sameSite: 'Lax', path: '/' } as const;

/** Keeps `role` for this sign-in session until the credentials expire. */
export async function setRoleCookie(c: Context, sessionId: string, role: RoleSession, now: Date): Promise<void> {
  const keys = await requireServiceKeys(c.env);
  const value = await seal(keys.masterKey, JSON.stringify({ ...role, expiresAt: role.expiresAt.getTime() }), context(sessionId));
  const maxAge = Math.max(0, Math.floor((role.expiresAt.getTime() - now.getTime()) / 1000));
  setCookie(c, ROLE_COOKIE, value, { ...COOKIE, maxAge, expires: role.expiresAt });
}

export function clearRoleCookie(c: Context): void {
  deleteCookie(c, ROLE_COOKIE, COOKIE);
}

const strings = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'roleArn', 'roleName', 'account', 'displayName', 'arn'] as const;

function parseRole(text: string): RoleSession | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.expiresAt !== 'number' || !strings.every((k) => typeof v[k] === 'string')) return null;
  const out = Object.fromEntries(strings.map((k) => [k, v[k] as string])) as Omit<RoleSession, 'expiresAt'>;
  return { ...out, expiresAt: new Date(v.expiresAt) };
}

/**
 * The role session this browser keeps for sign-in session `sessionId`. `refused` when a cookie is
 * there but does not open under this session (forged, edited, or another session's): the caller
 * drops it and acts as the person.
 */
export async function readRoleCookie(c: Context, sessionId: string, now: Date): Promise<RoleCookie> {
  const box = getCookie(c, ROLE_COOKIE, 'host');
  if (!box) return { kind: 'none' };
  if (box.length > MAX_COOKIE_CHARS) return { kind: 'refused' };
  const keys = await requireServiceKeys(c.env);
  let text: string;
  try {
    text = await open(keys.masterKey, box, context(sessionId));
  } catch {
    return { kind: 'refused' };
  }
  const role = parseRole(text);
  if (!role) return { kind: 'refused' };
  return role.expiresAt.getTime() <= now.getTime() ? { kind: 'expired', role } : { kind: 'role', role };
}
