// Shared fixtures for the group, role and inline-policy tests: policy documents (including ones of an
// exact size, for the quota tests), a signed client for an IAM user holding one inline policy, and a
// direct attachment of an AWS-managed policy (so DeleteConflict can be tested without AttachXPolicy).
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { eq } from 'drizzle-orm';
import { awsManagedPolicyArn } from '../../packages/core/src/db/aws-managed-policies';
import { managedPolicies, policyAttachments } from '../../packages/core/src/db/schema';
import { policySize } from '../../packages/core/src/policy/limits';
import { db } from '../helpers';
import { iam } from './clients';

export const trustPolicy = (service = 'ec2.amazonaws.com') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

export const allow = (action: string | string[], resource = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

/** A valid identity policy of exactly `size` non-whitespace characters (padding is in the resource). */
export function identityPolicyOfSize(size: number, pretty = false): string {
  const build = (pad: number) =>
    JSON.stringify(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${'x'.repeat(pad)}` }] },
      null,
      pretty ? 2 : undefined,
    );
  const doc = build(size - policySize(build(0)));
  if (policySize(doc) !== size) throw new Error(`cannot build a policy of size ${size}`);
  return doc;
}

/** A valid trust policy of exactly `size` non-whitespace characters (padding is in a Sid). */
export function trustPolicyOfSize(size: number): string {
  const build = (pad: number) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'S'.repeat(pad + 1), Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  const doc = build(size - policySize(build(0)));
  if (policySize(doc) !== size) throw new Error(`cannot build a trust policy of size ${size}`);
  return doc;
}

/** Creates `userName` with one inline policy and returns an IAM client signed with its new access key. */
export async function clientForUserWithPolicy(root: IAMClient, userName: string, policy: string) {
  await root.send(new CreateUserCommand({ UserName: userName }));
  await root.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'only', PolicyDocument: policy }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: userName }));
  return iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
}

/** Attaches an AWS-managed policy to a principal straight in D1 (AttachXPolicy is another module's). */
export async function attachDirectly(principal: { groupId: string } | { roleId: string } | { userId: string }) {
  const policy = await db()
    .select({ id: managedPolicies.id })
    .from(managedPolicies)
    .where(eq(managedPolicies.arn, awsManagedPolicyArn('IAMReadOnlyAccess')))
    .get();
  if (!policy) throw new Error('AWS-managed policies are not seeded');
  await db()
    .insert(policyAttachments)
    .values({ policyId: policy.id, attachedAt: new Date(), ...principal });
}
