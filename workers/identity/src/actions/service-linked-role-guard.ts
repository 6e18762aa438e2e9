// AWS protects service-linked roles from the account's own edits: their trust policy, permissions
// policies, boundary and existence belong to the service (DeleteServiceLinkedRole is the way out). The
// role actions call this after authorizing, so the answer is UnmodifiableEntity, in AWS's words.
import { IamError } from '@edge-iam/core';
import { parseIamArn } from '@edge-iam/core/arn';
import { SERVICE_LINKED_PATH_PREFIX } from './service-linked-role-catalogue';

export const isServiceLinkedRole = (role: { path: string }) => role.path.startsWith(SERVICE_LINKED_PATH_PREFIX);

/** Throws UnmodifiableEntity for a service-linked role. */
export function refuseServiceLinkedRole(role: { name: string; path: string }): void {
  if (isServiceLinkedRole(role)) {
    throw new IamError(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`,
    );
  }
}

/** The same for the principal an ARN names (users and groups pass; a role at /aws-service-role/ does not). */
export function refuseServiceLinkedRoleArn(arn: string): void {
  const parsed = parseIamArn(arn);
  if (parsed?.type === 'role') refuseServiceLinkedRole({ name: parsed.name, path: parsed.path });
}

/** CreateRole (and anything else that picks a path) may not place a role where service-linked roles live. */
export function refuseServiceLinkedPath(path: string): void {
  if (path.startsWith(SERVICE_LINKED_PATH_PREFIX)) {
    throw new IamError(
      'InvalidInput',
      `The path ${SERVICE_LINKED_PATH_PREFIX} is reserved for service-linked roles: create them with CreateServiceLinkedRole.`,
    );
  }
}
