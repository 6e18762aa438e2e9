// What the Switch role form asks for, and AWS's rules for it checked before any call: the account
// (12-digit id, or this account's alias: other accounts' aliases are not ours to look up), the role's
// name with its path as AWS's switch-role link carries it (`ci/Deployer`), and an optional display
// name for the header. A valid request becomes the role's ARN.
import type { SigninPrincipal } from '@edge-iam/core/repo';

export interface SwitchRequest {
  account: string;
  roleName: string;
  displayName: string;
}

export type SwitchErrors = Partial<Record<keyof SwitchRequest, string>>;

const ACCOUNT_ID = /^\d{12}$/;
// AWS's alias rule: 3-63 lowercase letters, digits and single hyphens, no hyphen at either end.
const ALIAS = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
// A path segment: printable ASCII but `/` (AWS's \u0021-\u007E path characters).
const PATH_SEGMENT = /^[\x21-\x2e\x30-\x7e]+$/;
const MAX_PATH = 512;
export const MAX_DISPLAY_NAME = 64;

/** The request from a query string or a posted form: trimmed and cut to a length well past any valid value. */
export function switchRequest(read: (name: string) => string | undefined): SwitchRequest {
  const field = (name: string, max: number) => (read(name) ?? '').trim().slice(0, max);
  return { account: field('account', 128), roleName: field('roleName', 1024), displayName: field('displayName', 256) };
}

/** The role's path and name: `ci/Deployer` (or `/ci/Deployer`) is path `/ci/`, name `Deployer`. */
function splitRoleName(text: string): { path: string; name: string } {
  const parts = text.replace(/^\//, '').split('/');
  const name = parts.pop() ?? '';
  return { path: parts.length ? `/${parts.join('/')}/` : '/', name };
}

function roleNameProblem(text: string): string | undefined {
  if (!text) return 'Enter the role’s name, with its path if it has one (for example ci/Deployer)';
  const { path, name } = splitRoleName(text);
  if (!ROLE_NAME.test(name)) return 'A role name is 1 to 64 letters, digits and + = , . @ _ - (after its path, as in ci/Deployer)';
  const segments = path.split('/').filter(Boolean);
  if (path.length > MAX_PATH || !segments.every((s) => PATH_SEGMENT.test(s)))
    return 'The role’s path may have up to 512 printable characters, without spaces (as in ci/Deployer)';
  return undefined;
}

/** The account id the request names, or why it cannot be used. */
function accountIdOf(account: string, me: SigninPrincipal): { id: string } | { problem: string } {
  if (!account) return { problem: 'Enter the account ID (12 digits) or the account alias' };
  if (ACCOUNT_ID.test(account)) return { id: account };
  if (/^\d+$/.test(account)) return { problem: `An account ID is 12 digits: this has ${account.length}` };
  const alias = account.toLowerCase();
  if (!ALIAS.test(alias))
    return { problem: 'Enter a 12-digit account ID, or an account alias (3 to 63 lowercase letters, digits and hyphens)' };
  if (me.accountAlias && alias === me.accountAlias.toLowerCase()) return { id: me.accountId };
  return { problem: `No account with the alias ${account} is known here: enter its 12-digit account ID` };
}

/** The role's ARN, or each field's problem. */
export function roleArnFor(r: SwitchRequest, me: SigninPrincipal): { ok: true; roleArn: string } | { ok: false; errors: SwitchErrors } {
  const errors: SwitchErrors = {};
  const account = accountIdOf(r.account, me);
  if ('problem' in account) errors.account = account.problem;
  const nameProblem = roleNameProblem(r.roleName);
  if (nameProblem) errors.roleName = nameProblem;
  if (r.displayName.length > MAX_DISPLAY_NAME) errors.displayName = `The display name must be ${MAX_DISPLAY_NAME} characters or fewer`;
  if ('problem' in account || Object.keys(errors).length > 0) return { ok: false, errors };
  const { path, name } = splitRoleName(r.roleName);
  return { ok: true, roleArn: `arn:aws:iam::${account.id}:role${path}${name}` };
}
