import { describe, expect, it } from 'vitest';
import { securityStatus, type SecurityFacts } from './security-status';

const fresh: SecurityFacts = {
  rootAccessKeys: 1,
  rootMfaEnabled: false,
  users: 0,
  usersWithDirectPolicies: 0,
  groupsGrantingPermissions: 0,
  passwordPolicySet: false,
};
const fixed: SecurityFacts = {
  rootAccessKeys: 0,
  rootMfaEnabled: true,
  users: 3,
  usersWithDirectPolicies: 0,
  groupsGrantingPermissions: 1,
  passwordPolicySet: true,
};

const states = (f: SecurityFacts) => Object.fromEntries(securityStatus(f).checks.map((c) => [c.check, c.state]));

describe('securityStatus', () => {
  it('a fresh account warns on every check, in the dashboard order', () => {
    const s = securityStatus(fresh);
    expect(s.state).toBe('warning');
    expect(s.checks.map((c) => c.check)).toEqual([
      'root-access-keys-deleted',
      'root-mfa-enabled',
      'individual-users',
      'groups-assign-permissions',
      'password-policy-applied',
    ]);
    expect(s.checks.every((c) => c.state === 'warning' && c.detail.length > 0 && c.nextStep.length > 0)).toBe(true);
  });

  it('a fixed account is ok everywhere', () => {
    expect(securityStatus(fixed).state).toBe('ok');
    expect(Object.values(states(fixed))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('each fact flips exactly its own check', () => {
    const flips: [Partial<SecurityFacts>, string][] = [
      [{ rootAccessKeys: 2 }, 'root-access-keys-deleted'],
      [{ rootMfaEnabled: false }, 'root-mfa-enabled'],
      [{ users: 0 }, 'individual-users'],
      [{ usersWithDirectPolicies: 1 }, 'groups-assign-permissions'],
      [{ groupsGrantingPermissions: 0 }, 'groups-assign-permissions'],
      [{ passwordPolicySet: false }, 'password-policy-applied'],
    ];
    for (const [change, check] of flips) {
      const s = states({ ...fixed, ...change });
      expect(
        Object.entries(s)
          .filter(([, v]) => v === 'warning')
          .map(([k]) => k),
        JSON.stringify(change),
      ).toEqual([check]);
    }
  });

  it('direct policies warn even when groups are also used, and say how many users', () => {
    const c = securityStatus({ ...fixed, usersWithDirectPolicies: 2 }).checks.find((x) => x.check === 'groups-assign-permissions')!;
    expect(c).toMatchObject({ state: 'warning', detail: '2 users have policies attached directly.' });
  });
});
