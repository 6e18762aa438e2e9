// AWS-managed policies as AWS publishes them (default version and document), seeded into every
// deployment by migrations/0001_aws_managed_policies.sql (regenerate with `npm run db:seed-sql`).
// Their ids are fixed so that every deployment agrees on them.

export interface AwsManagedPolicy {
  id: string;
  name: string;
  description: string;
  versionId: string;
  document: { Version: string; Statement: unknown[] };
}

const ALL = '*';

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = [
  {
    id: 'ANPAIWMBCKSKIEE64ZLYK',
    name: 'AdministratorAccess',
    description: 'Provides full access to AWS services and resources.',
    versionId: 'v1',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: ALL }] },
  },
  {
    id: 'ANPAJYRXTHIB4FOVS3ZXS',
    name: 'PowerUserAccess',
    description: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    versionId: 'v12',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: ALL },
        {
          Effect: 'Allow',
          Action: [
            'account:GetAccountInformation',
            'account:GetGovCloudAccountInformation',
            'account:GetPrimaryEmail',
            'account:ListRegions',
            'iam:CreateServiceLinkedRole',
            'iam:DeleteServiceLinkedRole',
            'iam:ListRoles',
            'organizations:DescribeEffectivePolicy',
            'organizations:DescribeOrganization',
          ],
          Resource: ALL,
        },
      ],
    },
  },
  {
    id: 'ANPAI7XKCFMBPM3QQRRVQ',
    name: 'IAMFullAccess',
    description: 'Provides full access to IAM via the AWS Management Console.',
    versionId: 'v2',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'iam:*',
            'organizations:DescribeAccount',
            'organizations:DescribeOrganization',
            'organizations:DescribeOrganizationalUnit',
            'organizations:DescribePolicy',
            'organizations:ListChildren',
            'organizations:ListParents',
            'organizations:ListPoliciesForTarget',
            'organizations:ListRoots',
            'organizations:ListPolicies',
            'organizations:ListTargetsForPolicy',
          ],
          Resource: ALL,
        },
      ],
    },
  },
  {
    id: 'ANPAJKSO7NDY4T57MWDSQ',
    name: 'IAMReadOnlyAccess',
    description: 'Provides read only access to IAM via the AWS Management Console.',
    versionId: 'v4',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'iam:GenerateCredentialReport',
            'iam:GenerateServiceLastAccessedDetails',
            'iam:Get*',
            'iam:List*',
            'iam:SimulateCustomPolicy',
            'iam:SimulatePrincipalPolicy',
          ],
          Resource: ALL,
        },
      ],
    },
  },
  {
    id: 'ANPAJ4L4MM2A7QIEB56MS',
    name: 'IAMUserChangePassword',
    description: 'Provides the ability for an IAM user to change their own password.',
    versionId: 'v2',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: ['arn:aws:iam::*:user/${aws:username}'] },
        { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: ALL },
      ],
    },
  },
  {
    id: 'ANPAIFIR6V6BVTRAHWINE',
    name: 'AmazonS3FullAccess',
    description: 'Provides full access to all buckets via the AWS Management Console.',
    versionId: 'v2',
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: ALL }],
    },
  },
  {
    id: 'ANPAIZTJ4DXE7G6AGAE6M',
    name: 'AmazonS3ReadOnlyAccess',
    description: 'Provides read only access to all buckets via the AWS Management Console.',
    versionId: 'v3',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
          Resource: ALL,
        },
      ],
    },
  },
];

export const awsManagedPolicyArn = (name: string) => `arn:aws:iam::aws:policy/${name}`;
