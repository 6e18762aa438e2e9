// The IAM dashboard's "security status" as data: five checks an administrator works through on a new
// account, each `ok` or `warning`, with what was found and what to do next. Pure: the facts come from
// repo/account-facts in one D1 batch; the identity worker serves the result as JSON.

export interface SecurityFacts {
  /** access keys of the root user, active or not (AWS counts any key as present) */
  rootAccessKeys: number;
  rootMfaEnabled: boolean;
  users: number;
  /** users with an inline policy or an attached managed policy of their own */
  usersWithDirectPolicies: number;
  /** groups with at least one inline or attached policy and at least one member */
  groupsGrantingPermissions: number;
  passwordPolicySet: boolean;
}

export type SecurityCheckId =
  'root-access-keys-deleted' | 'root-mfa-enabled' | 'individual-users' | 'groups-assign-permissions' | 'password-policy-applied';

export type SecurityCheckState = 'ok' | 'warning';

export interface SecurityCheck {
  check: SecurityCheckId;
  title: string;
  state: SecurityCheckState;
  /** what was found, in a sentence */
  detail: string;
  /** what to do next; for an `ok` check, how to keep it that way */
  nextStep: string;
}

export interface SecurityStatus {
  /** `ok` only when every check is ok */
  state: SecurityCheckState;
  checks: SecurityCheck[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function check(check: SecurityCheckId, title: string, ok: boolean, detail: string, nextStep: string): SecurityCheck {
  return { check, title, state: ok ? 'ok' : 'warning', detail, nextStep };
}

export function securityStatus(f: SecurityFacts): SecurityStatus {
  const checks: SecurityCheck[] = [
    check(
      'root-access-keys-deleted',
      'Delete your root access keys',
      f.rootAccessKeys === 0,
      f.rootAccessKeys === 0
        ? 'The root user has no access keys.'
        : `The root user has ${plural(f.rootAccessKeys, 'access key')}; a leaked root key can do anything in the account.`,
      f.rootAccessKeys === 0
        ? 'Keep using IAM users or roles for programmatic access.'
        : 'Create an IAM user with the permissions you need, move your tools to its keys, then delete the root keys: aws iam list-access-keys, aws iam delete-access-key --access-key-id <id> (signed as root).',
    ),
    check(
      'root-mfa-enabled',
      'Activate MFA on your root account',
      f.rootMfaEnabled,
      f.rootMfaEnabled ? 'The root user signs in with a virtual MFA device.' : 'The root user signs in with a password alone.',
      f.rootMfaEnabled
        ? 'Keep the device safe; to replace it, deactivate it and enable a new one.'
        : 'Create a virtual MFA device and enable it for the root user with two consecutive codes: aws iam create-virtual-mfa-device, then aws iam enable-mfa-device (signed as root).',
    ),
    check(
      'individual-users',
      'Create individual IAM users',
      f.users > 0,
      f.users > 0 ? `The account has ${plural(f.users, 'IAM user')}.` : 'The account has no IAM users, so everyone shares the root user.',
      f.users > 0
        ? 'Give every person their own user; never share credentials.'
        : 'Create a user for each person: aws iam create-user --user-name <name>.',
    ),
    groupsCheck(f),
    check(
      'password-policy-applied',
      'Apply an IAM password policy',
      f.passwordPolicySet,
      f.passwordPolicySet
        ? 'The account has a password policy.'
        : "The account has no password policy; AWS's default (8 characters, three character types) applies.",
      f.passwordPolicySet
        ? 'Review it as your requirements change: aws iam get-account-password-policy.'
        : 'Set one: aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters.',
    ),
  ];
  return { state: checks.every((c) => c.state === 'ok') ? 'ok' : 'warning', checks };
}

/** Permissions should come from groups: some group grants them and no user holds policies of its own. */
function groupsCheck(f: SecurityFacts): SecurityCheck {
  const title = 'Use groups to assign permissions';
  if (f.usersWithDirectPolicies > 0) {
    return check(
      'groups-assign-permissions',
      title,
      false,
      `${plural(f.usersWithDirectPolicies, 'user has', 'users have')} policies attached directly.`,
      'Put the policies on a group, add the users to it, then remove their own policies: aws iam create-group, aws iam attach-group-policy, aws iam add-user-to-group, aws iam detach-user-policy / delete-user-policy.',
    );
  }
  if (f.groupsGrantingPermissions === 0) {
    return check(
      'groups-assign-permissions',
      title,
      false,
      'No group with members grants any permissions.',
      'Create a group per job function, attach its policies and add users: aws iam create-group, aws iam attach-group-policy, aws iam add-user-to-group.',
    );
  }
  return check(
    'groups-assign-permissions',
    title,
    true,
    `Permissions are assigned through ${plural(f.groupsGrantingPermissions, 'group')}; no user has policies of its own.`,
    'Keep granting permissions through groups, not to users directly.',
  );
}
