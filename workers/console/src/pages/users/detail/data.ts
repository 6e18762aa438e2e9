// What the user detail page shows, read through the IAM API as the signed-in person. GetUser decides
// whether there is a page at all (NoSuchEntity → 404, AccessDenied → 403, via consoleError); every other
// read is a section's own, so a person allowed GetUser but not, say, GetUserPolicy still sees the page,
// with AWS's refusal in the one place it applies.
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../../env';
import type { QueryParams } from '../../../iam-api';
import { attempt } from '../../../render';
import { loadAccessKeys, type AccessKeyRow } from '../../flows/access-keys';

export type Read<T> = { ok: true; value: T } | { ok: false; error: IamError };

export interface Tag {
  Key: string;
  Value: string;
}

export interface IamUser {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  PasswordLastUsed?: string;
  PermissionsBoundary?: { PermissionsBoundaryArn: string; PermissionsBoundaryType: string };
}

export interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

export interface Group {
  GroupName: string;
  Arn: string;
}

export interface ManagedPolicy {
  PolicyName: string;
  Arn: string;
  AttachmentCount?: number;
}

export interface MfaDevice {
  SerialNumber: string;
  EnableDate: string;
}

export interface LoginProfile {
  CreateDate: string;
  PasswordResetRequired: boolean;
}

export interface SshPublicKey {
  SSHPublicKeyId: string;
  Status: 'Active' | 'Inactive';
  UploadDate: string;
}

export interface SigningCertificate {
  CertificateId: string;
  CertificateBody: string;
  Status: 'Active' | 'Inactive';
  UploadDate: string;
}

export interface ServiceSpecificCredential {
  ServiceSpecificCredentialId: string;
  ServiceName: string;
  ServiceUserName?: string;
  ServiceCredentialAlias?: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
  ExpirationDate?: string;
}

export interface InlinePolicy {
  name: string;
  /** the document, URL-decoded and pretty-printed when it parses */
  document: Read<string>;
}

export interface GroupGrant {
  group: Group;
  attached: Read<AttachedPolicy[]>;
  inline: Read<string[]>;
}

export interface UserDetail {
  user: IamUser;
  attached: Read<AttachedPolicy[]>;
  inline: Read<InlinePolicy[]>;
  groups: Read<GroupGrant[]>;
  allGroups: Read<Group[]>;
  tags: Read<Tag[]>;
  /** null: no console password */
  loginProfile: Read<LoginProfile | null>;
  mfa: Read<MfaDevice[]>;
  keys: Read<AccessKeyRow[]>;
  sshKeys: Read<SshPublicKey[]>;
  signingCertificates: Read<SigningCertificate[]>;
  serviceCredentials: Read<ServiceSpecificCredential[]>;
}

import { listAll } from '../../../lists';

export { listAll };

export const getUser = async (c: ConsoleContext, name: string) =>
  (await c.var.iam.call<{ User: IamUser }>('GetUser', { UserName: name })).User;

import { readablePolicy as readableDocument } from '../../../ui/components';

export async function getInlineDocument(c: ConsoleContext, user: string, policy: string): Promise<string> {
  const r = await c.var.iam.call<{ PolicyDocument: string }>('GetUserPolicy', { UserName: user, PolicyName: policy });
  return readableDocument(r.PolicyDocument);
}

/** The login profile, or null when the user has no console password (GetLoginProfile's NoSuchEntity). */
export async function loginProfileOf(c: ConsoleContext, user: string): Promise<Read<LoginProfile | null>> {
  const r = await attempt(
    async () => (await c.var.iam.call<{ LoginProfile: LoginProfile }>('GetLoginProfile', { UserName: user })).LoginProfile,
  );
  if (!r.ok && r.error.code === 'NoSuchEntity') return { ok: true, value: null };
  return r;
}

async function groupGrants(c: ConsoleContext, user: string): Promise<GroupGrant[]> {
  const groups = await listAll<Group>(c, 'ListGroupsForUser', { UserName: user }, 'Groups');
  return Promise.all(
    groups.map(async (group) => ({
      group,
      attached: await attempt(() =>
        listAll<AttachedPolicy>(c, 'ListAttachedGroupPolicies', { GroupName: group.GroupName }, 'AttachedPolicies'),
      ),
      inline: await attempt(() => listAll<string>(c, 'ListGroupPolicies', { GroupName: group.GroupName }, 'PolicyNames')),
    })),
  );
}

export async function loadUserDetail(c: ConsoleContext, name: string): Promise<UserDetail> {
  const user = await getUser(c, name);
  // The canonical name from here on: the URL may differ in case (IAM names are case-insensitive).
  const n = user.UserName;
  const [attached, inline, groups, allGroups, tags, loginProfile, mfa, keys, sshKeys, signingCertificates, serviceCredentials] =
    await Promise.all([
      attempt(() => listAll<AttachedPolicy>(c, 'ListAttachedUserPolicies', { UserName: n }, 'AttachedPolicies')),
      attempt(async () => {
        const names = await listAll<string>(c, 'ListUserPolicies', { UserName: n }, 'PolicyNames');
        return Promise.all(names.map(async (p) => ({ name: p, document: await attempt(() => getInlineDocument(c, n, p)) })));
      }),
      attempt(() => groupGrants(c, n)),
      attempt(() => listAll<Group>(c, 'ListGroups', {}, 'Groups')),
      attempt(() => listAll<Tag>(c, 'ListUserTags', { UserName: n }, 'Tags')),
      loginProfileOf(c, n),
      attempt(() => listAll<MfaDevice>(c, 'ListMFADevices', { UserName: n }, 'MFADevices')),
      attempt(() => loadAccessKeys(c, n)),
      attempt(() => listAll<SshPublicKey>(c, 'ListSSHPublicKeys', { UserName: n }, 'SSHPublicKeys')),
      attempt(() => listAll<SigningCertificate>(c, 'ListSigningCertificates', { UserName: n }, 'Certificates')),
      attempt(() => listAll<ServiceSpecificCredential>(c, 'ListServiceSpecificCredentials', { UserName: n }, 'ServiceSpecificCredentials')),
    ]);
  return { user, attached, inline, groups, allGroups, tags, loginProfile, mfa, keys, sshKeys, signingCertificates, serviceCredentials };
}
