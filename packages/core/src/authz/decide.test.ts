// The one decision function: the root user, IAM users and role sessions decided the same way in
// every worker, with the service's own keys winning over anything a caller supplies.
import { describe, expect, it } from 'vitest';
import type { Caller } from '../authn/caller';
import { compilePolicy } from '../policy/compile';
import { compilePolicySet } from '../policy/policy-set';
import { accessDenied } from './access-denied';
import { compileEffective } from './compile-effective';
import { decide } from './decide';

const ACCT = '111122223333';
const root: Caller = { kind: 'root', accountId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, accessKeyId: 'AKIA' };
const tom: Caller = {
  kind: 'user',
  accountId: ACCT,
  arn: `arn:aws:iam::${ACCT}:user/tom`,
  accessKeyId: 'AKIA',
  userId: 'AIDATOM',
  userName: 'tom',
  path: '/',
};
const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const policies = (statement: object) => compileEffective({ identity: [{ id: 'p', document: doc(statement) }], boundary: null, tags: {} });
const resourcePolicy = (statement: object) => compilePolicySet('resource', [compilePolicy(doc(statement), { id: 'r', type: 'resource' })]);

describe('decide', () => {
  it('lets the root user do anything in its own account without policies', () => {
    const d = decide({ caller: root, policies: null, action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/x`, globals: {} });
    expect(d.decision).toBe('Allow');
  });

  it('still lets a resource policy deny the root user', () => {
    const deny = resourcePolicy({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' });
    const d = decide({
      caller: root,
      policies: null,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      globals: {},
      resourcePolicy: deny,
    });
    expect(d.decision).toBe('ExplicitDeny');
  });

  it('does not let the root user act on another account without its resource policy', () => {
    const d = decide({
      caller: root,
      policies: null,
      action: 'sqs:SendMessage',
      resource: 'arn:aws:sqs:us-east-1:999988887777:q',
      globals: {},
    });
    expect(d.decision).toBe('ImplicitDeny');
  });

  it('treats IAM resources, AWS-managed policies included, as the account administering them', () => {
    const allow = policies({ Effect: 'Allow', Action: 'iam:GetPolicy', Resource: '*' });
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    expect(decide({ caller: tom, policies: allow, action: 'iam:GetPolicy', resource: arn, globals: {} }).decision).toBe('ImplicitDeny');
    expect(
      decide({ caller: tom, policies: allow, action: 'iam:GetPolicy', resource: arn, globals: {}, resourceAccount: ACCT }).decision,
    ).toBe('Allow');
  });

  it('lets the service keys win over keys a caller supplies', () => {
    const onlyTom = policies({
      Effect: 'Allow',
      Action: 'app:Read',
      Resource: '*',
      Condition: { StringEquals: { 'aws:username': 'tom' } },
    });
    const forged = { 'aws:username': 'tom' };
    expect(
      decide({ caller: tom, policies: onlyTom, action: 'app:Read', resource: '*', globals: { 'aws:username': 'eve' }, context: forged })
        .decision,
    ).toBe('ImplicitDeny');
    expect(decide({ caller: tom, policies: onlyTom, action: 'app:Read', resource: '*', globals: { 'aws:username': 'tom' } }).decision).toBe(
      'Allow',
    );
  });

  it('tells the engine the caller’s unique id, so a trust policy bound to an id matches its principal only', () => {
    // Threat: a trust policy stored with carol's id (as IAM stores principal ARNs) admits another user named carol.
    const bound = compilePolicySet('trust', [
      compilePolicy(
        doc({ Effect: 'Allow', Principal: { AWS: ['AIDATOMTOMTOMTOMTOM22', 'AROAOPSOPSOPSOPSOPS22'] }, Action: 'sts:AssumeRole' }),
        {
          id: 't',
          type: 'trust',
        },
      ),
    ]);
    const request = {
      policies: null,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${ACCT}:role/r`,
      globals: {},
      resourcePolicy: bound,
    };
    expect(decide({ ...request, caller: { ...tom, userId: 'AIDATOMTOMTOMTOMTOM22' } }).decision).toBe('Allow');
    expect(decide({ ...request, caller: { ...tom, userId: 'AIDAEVEEVEEVEEVEEVE22' } }).decision).toBe('ImplicitDeny');
    const session: Caller = {
      kind: 'role-session',
      accountId: ACCT,
      arn: `arn:aws:sts::${ACCT}:assumed-role/ops/s`,
      accessKeyId: 'ASIA',
      roleId: 'AROAOPSOPSOPSOPSOPS22',
      roleName: 'ops',
      roleArn: `arn:aws:iam::${ACCT}:role/ops`,
      sessionName: 's',
      sessionPolicies: [],
      mfaAuthenticatedAt: null,
      tokenIssuedAt: new Date(0),
    };
    // A role session is named by its role's id.
    expect(decide({ ...request, caller: session }).decision).toBe('Allow');
    expect(decide({ ...request, caller: { ...session, roleId: 'AROAOTHEROTHEROTHER22' } }).decision).toBe('ImplicitDeny');
  });

  it('words denials as AWS does, with the reason only when there is a decision to explain', () => {
    const d = decide({ caller: tom, policies: null, action: 'iam:CreateUser', resource: '*', globals: {} });
    expect(accessDenied(tom, 'iam:CreateUser', '*', d).message).toBe(
      `User: arn:aws:iam::${ACCT}:user/tom is not authorized to perform: iam:CreateUser on resource: * because no identity-based policy allows the iam:CreateUser action`,
    );
    expect(accessDenied(tom, 'sts:AssumeRole', 'arn:x').message).toBe(
      `User: arn:aws:iam::${ACCT}:user/tom is not authorized to perform: sts:AssumeRole on resource: arn:x`,
    );
  });
});
