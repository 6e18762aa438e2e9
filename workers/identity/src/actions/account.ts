// Account-wide reads: GetAccountAuthorizationDetails (the whole authorization picture of an account,
// as auditors and tools like it).
import { z } from 'zod';
import { iamArn } from '@edge-iam/core/arn';
import type { XmlStruct } from '@edge-iam/core/aws';
import { loadAuthorizationDetails } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker } from '../pagination';
import { list, marker, maxItems } from '../params';
import { showTrustPolicy } from './trust-principals';

const FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

export const accountActions: ActionTable = {
  GetAccountAuthorizationDetails: action(
    z.object({
      Filter: list(z.enum(FILTERS, { error: () => `Member must satisfy enum value set: [${FILTERS.join(', ')}]` })).optional(),
      Marker: marker.optional(),
      MaxItems: maxItems.optional(),
    }),
    async (ctx, p) => {
      await ctx.authorize('*');
      const d = await loadAuthorizationDetails(ctx.db, ctx.accountId);
      const want = new Set(p.Filter && p.Filter.length > 0 ? p.Filter : FILTERS);
      const acct = ctx.accountId;
      const tagsOf = (id: string) => d.tags.filter((t) => t.resourceId === id).map((t) => ({ Key: t.key, Value: t.value }));
      const inlineOf = (key: 'userId' | 'groupId' | 'roleId', id: string) =>
        d.inline.filter((i) => i[key] === id).map((i) => ({ PolicyName: i.name, PolicyDocument: encodeURIComponent(i.document) }));
      const attachedOf = (key: 'userId' | 'groupId' | 'roleId', id: string) =>
        d.attachments.filter((a) => a[key] === id).map((a) => ({ PolicyName: a.name, PolicyArn: a.arn }));
      const boundary = (policyId: string | null) => {
        const b = policyId ? d.policies.find((x) => x.id === policyId) : undefined;
        return b ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: b.arn } : undefined;
      };
      const groupName = new Map(d.groups.map((g) => [g.id, g.name]));
      // Trust policies name principals by unique id; the report shows each as its current ARN.
      const currentArns = new Map([
        ...d.users.map((u) => [u.id, iamArn(acct, 'user', u.name, u.path)] as const),
        ...d.roles.map((r) => [r.id, iamArn(acct, 'role', r.name, r.path)] as const),
      ]);
      const trustOf = (r: (typeof d.roles)[number]) => encodeURIComponent(showTrustPolicy(r.assumeRolePolicy, currentArns));
      const entries: { list: string; item: XmlStruct }[] = [];
      if (want.has('User')) {
        for (const u of d.users) {
          entries.push({
            list: 'UserDetailList',
            item: {
              Path: u.path,
              UserName: u.name,
              UserId: u.id,
              Arn: iamArn(acct, 'user', u.name, u.path),
              CreateDate: u.createdAt,
              UserPolicyList: inlineOf('userId', u.id),
              GroupList: d.memberships.filter((m) => m.userId === u.id).map((m) => groupName.get(m.groupId) ?? ''),
              AttachedManagedPolicies: attachedOf('userId', u.id),
              PermissionsBoundary: boundary(u.permissionsBoundaryPolicyId),
              Tags: tagsOf(u.id),
            },
          });
        }
      }
      if (want.has('Group')) {
        for (const g of d.groups) {
          entries.push({
            list: 'GroupDetailList',
            item: {
              Path: g.path,
              GroupName: g.name,
              GroupId: g.id,
              Arn: iamArn(acct, 'group', g.name, g.path),
              CreateDate: g.createdAt,
              GroupPolicyList: inlineOf('groupId', g.id),
              AttachedManagedPolicies: attachedOf('groupId', g.id),
            },
          });
        }
      }
      if (want.has('Role')) {
        // A profile holds at most one role, so each profile appears under exactly one role.
        const profilesOf = (r: (typeof d.roles)[number]) =>
          d.instanceProfiles
            .filter((ip) => ip.roleId === r.id)
            .map(({ profile: ip }) => ({
              Path: ip.path,
              InstanceProfileName: ip.name,
              InstanceProfileId: ip.id,
              Arn: iamArn(acct, 'instance-profile', ip.name, ip.path),
              CreateDate: ip.createdAt,
              Roles: [
                {
                  Path: r.path,
                  RoleName: r.name,
                  RoleId: r.id,
                  Arn: iamArn(acct, 'role', r.name, r.path),
                  CreateDate: r.createdAt,
                  AssumeRolePolicyDocument: trustOf(r),
                },
              ],
              Tags: tagsOf(ip.id),
            }));
        for (const r of d.roles) {
          entries.push({
            list: 'RoleDetailList',
            item: {
              Path: r.path,
              RoleName: r.name,
              RoleId: r.id,
              Arn: iamArn(acct, 'role', r.name, r.path),
              CreateDate: r.createdAt,
              AssumeRolePolicyDocument: trustOf(r),
              InstanceProfileList: profilesOf(r),
              RolePolicyList: inlineOf('roleId', r.id),
              AttachedManagedPolicies: attachedOf('roleId', r.id),
              PermissionsBoundary: boundary(r.permissionsBoundaryPolicyId),
              Tags: tagsOf(r.id),
            },
          });
        }
      }
      for (const pol of d.policies) {
        const local = pol.accountId !== null;
        if (!want.has(local ? 'LocalManagedPolicy' : 'AWSManagedPolicy')) continue;
        const attachments = d.attachments.filter((a) => a.policyId === pol.id).length;
        entries.push({
          list: 'Policies',
          item: {
            PolicyName: pol.name,
            PolicyId: pol.id,
            Arn: pol.arn,
            Path: pol.path,
            DefaultVersionId: pol.defaultVersionId,
            AttachmentCount: attachments,
            PermissionsBoundaryUsageCount:
              d.users.filter((u) => u.permissionsBoundaryPolicyId === pol.id).length +
              d.roles.filter((r) => r.permissionsBoundaryPolicyId === pol.id).length,
            IsAttachable: pol.isAttachable,
            Description: pol.description ?? undefined,
            CreateDate: pol.createdAt,
            UpdateDate: pol.updatedAt,
            PolicyVersionList: d.versions
              .filter((v) => v.policyId === pol.id)
              .map((v) => ({
                Document: encodeURIComponent(v.document),
                VersionId: v.versionId,
                IsDefaultVersion: v.versionId === pol.defaultVersionId,
                CreateDate: v.createdAt,
              })),
          },
        });
      }
      // One ordered stream across the four lists; the marker is the position of the next entry.
      const start = Number(decodeMarker(p.Marker) ?? '0') || 0;
      const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
      const slice = entries.slice(start, start + limit);
      const truncated = start + limit < entries.length;
      const lists: Record<string, XmlStruct[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
      for (const e of slice) lists[e.list]!.push(e.item);
      return { ...lists, IsTruncated: truncated, Marker: truncated ? encodeMarker(String(start + limit)) : undefined };
    },
  ),
};
