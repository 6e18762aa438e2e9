// What the instance-profile pages share: the IAM API's shapes they read, their addresses, AWS's naming
// rules checked before any call, and what a refused form brings back to its page.
import type { IamError } from '@edge-iam/core';
import { encode, statusFor } from '../../render';
import type { FieldErrors } from '../../ui/components';
import type { Tag } from './resource-tags';

export interface ProfileRole {
  RoleName: string;
  Arn: string;
  CreateDate?: string;
}

export interface InstanceProfile {
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  Roles?: ProfileRole[];
  Tags?: Tag[];
}

export const LIST = '/console/instance-profiles';
export const profilePath = (name: string, rest = '') => `${LIST}/${encode(name)}${rest}`;
export const rolePath = (name: string) => `/console/roles/${encode(name)}`;

/** AWS's instanceProfileNameType: 1-128 of [\w+=,.@-]. */
export function profileNameProblem(name: string): string | undefined {
  if (!name) return 'Enter an instance profile name';
  if (name.length > 128) return 'The instance profile name must be 128 characters or fewer';
  if (!/^[\w+=,.@-]+$/.test(name)) return 'The instance profile name may contain only letters, digits and + = , . @ _ -';
  return undefined;
}

/** AWS's roleNameType: 1-64 of [\w+=,.@-]. */
export function roleNameProblem(name: string): string | undefined {
  if (!name) return 'Choose a role to add';
  if (name.length > 64 || !/^[\w+=,.@-]+$/.test(name)) return 'A role name is up to 64 letters, digits and + = , . @ _ -';
  return undefined;
}

/** AWS's pathType: `/` or `/text/` of printable ASCII, at most 512 characters. */
export function pathProblem(path: string): string | undefined {
  if (!path) return undefined;
  if (path.length > 512 || !/^(\/|\/[\u0021-\u007E]+\/)$/.test(path)) return 'Enter a path that starts and ends with / (for example /web/)';
  return undefined;
}

/** What a refused form brings back: the API's message, the fields' messages, the values typed. */
export interface Problem {
  message?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
  status: 400 | 403 | 404 | 409 | 429;
}

export const apiProblem = (e: IamError, values?: Record<string, string>): Problem => ({ message: e.message, status: statusFor(e), values });
export const fieldProblem = (errors: FieldErrors, values?: Record<string, string>): Problem => ({ errors, status: 400, values });

export const hasErrors = (errors: Record<string, string>) => Object.keys(errors).length > 0;
