// Threat: a delegated administrator escapes its permissions boundary. AWS's delegation guard, "Deny
// iam:DeleteUserPermissionsBoundary where iam:PermissionsBoundary is the boundary", never matched while
// Delete{User,Role}PermissionsBoundary were authorized without the entity's current boundary: the
// delegate removed its own boundary and became admin. The same gap made AWS's allow pattern (manage a
// user's policies only where iam:PermissionsBoundary is X) refuse exactly the users that have X.
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetRoleCommand,
  GetUserCommand,
  PutRolePermissionsBoundaryCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { awsManagedPolicyArn } from '../../packages/core/src/db/aws-managed-policies';
import { iam, rootClient } from './clients';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const denied = { name: 'AccessDenied' };
const S3_READ = awsManagedPolicyArn('AmazonS3ReadOnlyAccess');

async function managedPolicy(root: IAMClient, name: string, document: string) {
  return (await root.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }))).Policy!.Arn!;
}

async function keyFor(root: IAMClient, userName: string) {
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: userName }));
  return iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
}

describe('iam:PermissionsBoundary on Delete{User,Role}PermissionsBoundary is the current boundary', () => {
  it('the delegation guard stops a delegated administrator from removing its own boundary', async () => {
    const { iam: root } = await rootClient();
    const boundary = await managedPolicy(root, 'DelegateBoundary', doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }));
    const other = await managedPolicy(root, 'OtherBoundary', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }));
    const delegation = await managedPolicy(
      root,
      'Delegation',
      doc(
        { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
        {
          Sid: 'NoBoundaryRemoval',
          Effect: 'Deny',
          Action: ['iam:DeleteUserPermissionsBoundary', 'iam:DeleteRolePermissionsBoundary'],
          Resource: '*',
          Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } },
        },
      ),
    );
    await root.send(new CreateUserCommand({ UserName: 'dana', PermissionsBoundary: boundary }));
    await root.send(new AttachUserPolicyCommand({ UserName: 'dana', PolicyArn: delegation }));
    const trust = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
    await root.send(new CreateRoleCommand({ RoleName: 'bounded', AssumeRolePolicyDocument: trust, PermissionsBoundary: boundary }));
    await root.send(new CreateUserCommand({ UserName: 'elsewhere', PermissionsBoundary: other }));
    const dana = await keyFor(root, 'dana');

    await expect(dana.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'dana' }))).rejects.toMatchObject(denied);
    await expect(dana.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'bounded' }))).rejects.toMatchObject(denied);
    expect((await root.send(new GetUserCommand({ UserName: 'dana' }))).User!.PermissionsBoundary?.PermissionsBoundaryArn).toBe(boundary);
    expect((await root.send(new GetRoleCommand({ RoleName: 'bounded' }))).Role!.PermissionsBoundary?.PermissionsBoundaryArn).toBe(boundary);
    // The guard is about that boundary: another one may be removed.
    await dana.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'elsewhere' }));
    expect((await root.send(new GetUserCommand({ UserName: 'elsewhere' }))).User!.PermissionsBoundary).toBeUndefined();
    // Put keeps its meaning: iam:PermissionsBoundary is the boundary being set.
    await dana.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'bounded', PermissionsBoundary: other }));
    await dana.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'bounded' }));
  });
});

describe('iam:PermissionsBoundary on Attach/Detach/Put/DeleteUserPolicy is the target’s current boundary', () => {
  it('AWS’s allow pattern lets a delegate manage the policies of users that have boundary X, and only those', async () => {
    const { iam: root } = await rootClient();
    const boundary = await managedPolicy(root, 'XBoundary', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }));
    const other = await managedPolicy(root, 'YBoundary', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }));
    const delegation = await managedPolicy(
      root,
      'ManageBoundedUsers',
      doc({
        Effect: 'Allow',
        Action: ['iam:AttachUserPolicy', 'iam:DetachUserPolicy', 'iam:PutUserPolicy', 'iam:DeleteUserPolicy'],
        Resource: '*',
        Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } },
      }),
    );
    await root.send(new CreateUserCommand({ UserName: 'delegate' }));
    await root.send(new AttachUserPolicyCommand({ UserName: 'delegate', PolicyArn: delegation }));
    await root.send(new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: boundary }));
    await root.send(new CreateUserCommand({ UserName: 'other-boundary', PermissionsBoundary: other }));
    await root.send(new CreateUserCommand({ UserName: 'unbounded' }));
    const delegate = await keyFor(root, 'delegate');
    const inline = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });

    await delegate.send(new AttachUserPolicyCommand({ UserName: 'bounded', PolicyArn: S3_READ }));
    await delegate.send(new DetachUserPolicyCommand({ UserName: 'bounded', PolicyArn: S3_READ }));
    await delegate.send(new PutUserPolicyCommand({ UserName: 'bounded', PolicyName: 'read', PolicyDocument: inline }));
    await delegate.send(new DeleteUserPolicyCommand({ UserName: 'bounded', PolicyName: 'read' }));

    for (const UserName of ['other-boundary', 'unbounded']) {
      await expect(delegate.send(new AttachUserPolicyCommand({ UserName, PolicyArn: S3_READ }))).rejects.toMatchObject(denied);
      await expect(delegate.send(new PutUserPolicyCommand({ UserName, PolicyName: 'read', PolicyDocument: inline }))).rejects.toMatchObject(
        denied,
      );
    }
  });
});
