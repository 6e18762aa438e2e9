// Principals bound to unique ids: IAM stores the user and role ARNs of a saved trust policy as the
// principals' ids (`AIDA...`, `AROA...`), and the engine matches such an id against the caller's id
// (RequestPrincipal.id) only. Also the document rewriting that binds and shows them.
import { describe, expect, it } from 'vitest';
import { authorize } from './authorize';
import { compilePolicy } from './compile';
import { parsePolicy } from './parse';
import { compilePolicySet } from './policy-set';
import { classifyAwsPrincipal } from './principal';
import { awsPrincipalValues, replaceAwsPrincipals } from './principal-values';
import type { RequestPrincipal } from './types';

const ACCT = '111122223333';
const CAROL_ID = 'AIDACAROLCAROLCAROL22';
const NEW_CAROL_ID = 'AIDANEWCAROLNEWCAROL2';
const ROLE_ID = 'AROAADMINADMINADMIN22';
const carol = `arn:aws:iam::${ACCT}:user/carol`;
const roleArn = `arn:aws:iam::${ACCT}:role/Admin`;

const trust = (statement: object) =>
  compilePolicySet('trust', [
    compilePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Action: 'sts:AssumeRole', ...statement }] }), {
      id: 'trust',
      type: 'trust',
    }),
  ]);
const assume = (principal: RequestPrincipal, policy: ReturnType<typeof trust>, extra: object = {}) =>
  authorize({ principal, action: 'sts:AssumeRole', resource: roleArn, ...extra }, { resource: policy }).decision;

describe('principals bound to unique ids', () => {
  it('accepts user and role unique ids as AWS principals, and nothing else that merely looks like one', () => {
    expect(classifyAwsPrincipal(CAROL_ID)).toEqual({ kind: 'id', key: CAROL_ID });
    expect(classifyAwsPrincipal(ROLE_ID)).toEqual({ kind: 'id', key: ROLE_ID });
    for (const v of ['AIDASHORT', 'AGPAGROUPGROUPGROUP22', 'aidacarolcarolcarol22', `${CAROL_ID}X`]) {
      expect(classifyAwsPrincipal(v)).toHaveProperty('error');
    }
    const parsed = parsePolicy(
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: CAROL_ID }, Action: 'sts:AssumeRole' }] }),
      'trust',
    );
    expect(parsed.ok).toBe(true);
  });

  it('a user of the same name but another id does not match a bound user', () => {
    // Threat: carol is deleted and a new user named carol (or one who renamed himself) inherits her trust.
    const bound = trust({ Effect: 'Allow', Principal: { AWS: CAROL_ID } });
    expect(assume({ arn: carol, id: CAROL_ID }, bound)).toBe('Allow');
    expect(assume({ arn: carol, id: NEW_CAROL_ID }, bound)).toBe('ImplicitDeny');
    expect(assume({ arn: carol }, bound)).toBe('ImplicitDeny');
  });

  it('a renamed user still matches by id: the id follows the principal, not the name', () => {
    const bound = trust({ Effect: 'Allow', Principal: { AWS: [CAROL_ID] } });
    expect(assume({ arn: `arn:aws:iam::${ACCT}:user/carol-renamed`, id: CAROL_ID }, bound)).toBe('Allow');
  });

  it('a role id matches that role’s sessions as the role ARN does, and not a same-named role’s', () => {
    // Threat: a role named in a trust policy is deleted and recreated by someone else.
    const bound = trust({ Effect: 'Allow', Principal: { AWS: ROLE_ID } });
    const session = `arn:aws:sts::${ACCT}:assumed-role/Admin/s1`;
    expect(assume({ arn: session, id: ROLE_ID }, bound)).toBe('Allow');
    expect(assume({ arn: session, id: 'AROAOTHEROTHEROTHER22' }, bound)).toBe('ImplicitDeny');
    // Naming the role (not the session) leaves session policies in force, as for the role ARN.
    const s3Only = compilePolicySet('session', [
      compilePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }), {
        id: 's',
        type: 'session',
      }),
    ]);
    const d = authorize(
      { principal: { arn: session, id: ROLE_ID }, action: 'sts:AssumeRole', resource: roleArn },
      { resource: bound, session: s3Only },
    );
    expect(d).toMatchObject({ decision: 'ImplicitDeny', blockedBy: 'session' });
  });

  it('an id in NotPrincipal exempts only the principal it names', () => {
    // Threat: a same-named newcomer slips past a Deny that exempts the original principal.
    const deny = trust({ Effect: 'Deny', NotPrincipal: { AWS: [ACCT, CAROL_ID] } });
    const allow = trust({ Effect: 'Allow', Principal: { AWS: '*' } });
    const both = compilePolicySet('trust', [...deny.policies, ...allow.policies]);
    expect(assume({ arn: carol, id: CAROL_ID }, both)).toBe('Allow');
    expect(assume({ arn: carol, id: NEW_CAROL_ID }, both)).toBe('ExplicitDeny');
  });
});

describe('binding and showing principals in a document', () => {
  const doc = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: [carol, `${ACCT}`], Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      {
        Effect: 'Deny',
        NotPrincipal: { AWS: carol },
        Action: 'sts:AssumeRole',
        Condition: { ArnEquals: { 'aws:PrincipalArn': carol } },
      },
    ],
  });

  it('lists the AWS principal values of Principal and NotPrincipal once each', () => {
    expect(awsPrincipalValues(doc)).toEqual([carol, ACCT]);
    expect(awsPrincipalValues('not json')).toEqual([]);
  });

  it('replaces principal values but never condition values, and leaves an untouched document as written', () => {
    const bound = JSON.parse(replaceAwsPrincipals(doc, new Map([[carol, CAROL_ID]])));
    expect(bound.Statement[0].Principal).toEqual({ AWS: [CAROL_ID, ACCT], Service: 'ec2.amazonaws.com' });
    expect(bound.Statement[1].NotPrincipal).toEqual({ AWS: CAROL_ID });
    expect(bound.Statement[1].Condition).toEqual({ ArnEquals: { 'aws:PrincipalArn': carol } });
    const pretty = JSON.stringify(JSON.parse(doc), null, 2);
    expect(replaceAwsPrincipals(pretty, new Map([['arn:aws:iam::999988887777:user/x', 'AIDAX']]))).toBe(pretty);
  });
});
