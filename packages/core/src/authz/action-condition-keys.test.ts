// The condition keys of an action from the facts of its request: AWS's names and shapes (tags under
// both prefixes, aws:TagKeys multi-valued and absent when empty), only the keys the action documents,
// and a report of every documented key whose fact was not given (the identity worker refuses those).
import { describe, expect, it } from 'vitest';
import { actionConditionKeys, NO_ENTITY_FACTS, notApplicable } from './action-condition-keys';

const tags = [
  { Key: 'team', Value: 'ops' },
  { Key: 'Protected', Value: 'true' },
];

describe('actionConditionKeys', () => {
  it('sets the target’s tags under aws:ResourceTag and iam:ResourceTag, and its boundary', () => {
    const keys = actionConditionKeys('iam:DeleteUserPermissionsBoundary', {
      resourceTags: tags,
      permissionsBoundary: 'arn:aws:iam::1:policy/B',
    });
    expect(keys).toEqual({
      context: {
        'aws:ResourceTag/team': 'ops',
        'aws:ResourceTag/Protected': 'true',
        'iam:ResourceTag/team': 'ops',
        'iam:ResourceTag/Protected': 'true',
        'iam:PermissionsBoundary': 'arn:aws:iam::1:policy/B',
      },
      missing: [],
    });
  });

  it('sets only what the action documents: policies have aws:ResourceTag only, groups nothing', () => {
    expect(actionConditionKeys('iam:GetPolicy', { resourceTags: tags, permissionsBoundary: 'b' }).context).toEqual({
      'aws:ResourceTag/team': 'ops',
      'aws:ResourceTag/Protected': 'true',
    });
    expect(actionConditionKeys('iam:GetGroup', {})).toEqual({ context: {}, missing: [] });
  });

  it('takes aws:TagKeys from the request’s tags or its tag keys, and leaves it out when there are none', () => {
    const tagging = actionConditionKeys('iam:TagUser', { resourceTags: [], requestTags: tags });
    expect(tagging.context).toEqual({
      'aws:RequestTag/team': 'ops',
      'aws:RequestTag/Protected': 'true',
      'aws:TagKeys': ['team', 'Protected'],
    });
    expect(actionConditionKeys('iam:UntagUser', { resourceTags: [], tagKeys: ['team'] }).context).toEqual({ 'aws:TagKeys': ['team'] });
    expect(actionConditionKeys('iam:CreateUser', { requestTags: [], permissionsBoundary: null }).context).toEqual({});
  });

  it('reports each documented key whose fact was not given, and never keys that do not apply here', () => {
    expect(actionConditionKeys('iam:AttachRolePolicy', { policyArn: 'arn:aws:iam::aws:policy/X' }).missing).toEqual([
      'aws:ResourceTag/${TagKey}',
      'iam:PermissionsBoundary',
      'iam:ResourceTag/${TagKey}',
    ]);
    expect(notApplicable('iam:AttachRolePolicy', 'iam:RoleTemplateARN')).toMatch(/role templates/);
    expect(actionConditionKeys('sts:AssumeRole', { resourceTags: [], externalId: null, roleSessionName: 's1' })).toEqual({
      context: { 'sts:RoleSessionName': 's1' },
      missing: [],
    });
    expect(actionConditionKeys('iam:GetAuditLog', {})).toEqual({ context: {}, missing: [] });
  });

  it('knows every fact of an entity that does not exist as absent', () => {
    expect(actionConditionKeys('iam:AttachUserPolicy', NO_ENTITY_FACTS)).toEqual({ context: {}, missing: [] });
  });
});
