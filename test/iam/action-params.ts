// Query parameters for calling any registered action by its parameter names, shared by the tests
// that walk the whole registry (every-action authorizes; every documented condition key is set).
// A parameter the table does not know makes those tests fail until it is added here.
import type { z } from 'zod';

export const ALLOW_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

export const trustAccount = (account: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }],
  });

/** Query parameters by parameter name, for targets named `name` in `account`. */
export function parameterValues(account: string, name: string, accessKeyId: string): Record<string, Record<string, string>> {
  return {
    UserName: { UserName: name },
    GroupName: { GroupName: name },
    RoleName: { RoleName: name },
    InstanceProfileName: { InstanceProfileName: name },
    PolicyName: { PolicyName: name },
    PolicyArn: { PolicyArn: `arn:aws:iam::${account}:policy/${name}` },
    PermissionsBoundary: { PermissionsBoundary: `arn:aws:iam::${account}:policy/${name}` },
    PolicyDocument: { PolicyDocument: ALLOW_ALL },
    AssumeRolePolicyDocument: { AssumeRolePolicyDocument: trustAccount(account) },
    SerialNumber: { SerialNumber: `arn:aws:iam::${account}:mfa/${name}` },
    VirtualMFADeviceName: { VirtualMFADeviceName: `${name}-new` },
    AuthenticationCode1: { AuthenticationCode1: '123456' },
    AuthenticationCode2: { AuthenticationCode2: '654321' },
    Tags: { 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'admins' },
    TagKeys: { 'TagKeys.member.1': 'team' },
    VersionId: { VersionId: 'v1' },
    AccessKeyId: { AccessKeyId: accessKeyId },
    Status: { Status: 'Inactive' },
    PolicySourceArn: { PolicySourceArn: `arn:aws:iam::${account}:user/${name}` },
    PolicyInputList: { 'PolicyInputList.member.1': ALLOW_ALL },
    ActionNames: { 'ActionNames.member.1': 'iam:CreateUser' },
    AccountAlias: { AccountAlias: `alias-${account}` },
    RoleArn: { RoleArn: `arn:aws:iam::${account}:role/${name}` },
    RoleSessionName: { RoleSessionName: 'probe-session' },
    ExternalId: { ExternalId: 'probe-external-id' },
    OldPassword: { OldPassword: 'Old-password-1!' },
    NewPassword: { NewPassword: 'New-password-1!' },
    Description: { Description: 'changed' },
    SSHPublicKeyBody: { SSHPublicKeyBody: 'ssh-rsa AAAAB3NzaC1yc2E probe' },
    SSHPublicKeyId: { SSHPublicKeyId: 'APKAEIBAERJR2EXAMPLE' },
    Encoding: { Encoding: 'SSH' },
    CertificateBody: { CertificateBody: '-----BEGIN CERTIFICATE-----\nprobe\n-----END CERTIFICATE-----' },
    CertificateId: { CertificateId: 'ID123456789012345EXAMPLE' },
    ServerCertificateName: { ServerCertificateName: name },
    PrivateKey: { PrivateKey: '-----BEGIN PRIVATE KEY-----\nprobe\n-----END PRIVATE KEY-----' },
    ServiceName: { ServiceName: 'codecommit.amazonaws.com' },
    ServiceSpecificCredentialId: { ServiceSpecificCredentialId: 'ACCAEXAMPLE123EXAMPLE' },
    GlobalEndpointTokenVersion: { GlobalEndpointTokenVersion: 'v2Token' },
    CredentialAgeDays: { CredentialAgeDays: '30' },
    AWSServiceName: { AWSServiceName: 'elasticbeanstalk.amazonaws.com' },
    DeletionTaskId: { DeletionTaskId: `task/aws-service-role/elasticbeanstalk.amazonaws.com/${name}/00000000-0000-0000-0000-000000000000` },
    Arn: { Arn: `arn:aws:iam::${account}:user/${name}` },
    ServiceNamespaces: { 'ServiceNamespaces.member.1': 'iam' },
    ServiceNamespace: { ServiceNamespace: 'iam' },
    Name: { Name: `fed-${name}` },
    EncodedMessage: { EncodedMessage: 'v1.probe.probe' },
    DelegationRequestId: { DelegationRequestId: 'delegation-request-probe' },
    Permissions: { 'Permissions.PolicyTemplateArn': 'arn:aws:iam::aws:policy-template/probe' },
    RequestorWorkflowId: { RequestorWorkflowId: 'probe-workflow' },
    NotificationChannel: { NotificationChannel: 'arn:aws:sns:us-east-1:123456789012:probe' },
    SessionDuration: { SessionDuration: '3600' },
    EntityArn: { EntityArn: `arn:aws:iam::${account}:delegation-request/probe` },
    EntityPath: { EntityPath: 'o-a1b2c3d4e5/r-f6g7h8i9j0example' },
    JobId: { JobId: '00000000-0000-0000-0000-000000000000' },
    TargetPrincipal: { TargetPrincipal: account },
    TaskPolicyArn: { 'TaskPolicyArn.arn': 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' },
    Audience: { 'Audience.member.1': 'https://example.com' },
    SigningAlgorithm: { SigningAlgorithm: 'ES384' },
    TradeInToken: { TradeInToken: 'probe-trade-in-token' },
    // Identity providers and federation (test/federation/*): the OpenID Connect provider of `https://<name>.example.com`, the SAML provider `fed-<name>`.
    Url: { Url: `https://${name}.example.com` },
    OpenIDConnectProviderArn: { OpenIDConnectProviderArn: `arn:aws:iam::${account}:oidc-provider/${name}.example.com` },
    ClientID: { ClientID: 'probe-client' },
    ThumbprintList: { 'ThumbprintList.member.1': '0123456789abcdef0123456789abcdef01234567' },
    SAMLProviderArn: { SAMLProviderArn: `arn:aws:iam::${account}:saml-provider/fed-${name}` },
    // Long enough for the parameter's 1,000-character minimum; not metadata (callers that get past authorization are refused).
    SAMLMetadataDocument: { SAMLMetadataDocument: `<EntityDescriptor>${' '.repeat(1000)}</EntityDescriptor>` },
    PrincipalArn: { PrincipalArn: `arn:aws:iam::${account}:saml-provider/fed-${name}` },
    SAMLAssertion: { SAMLAssertion: 'PHNhbWxwOlJlc3BvbnNlLz4=' },
    WebIdentityToken: { WebIdentityToken: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' },
  };
}

/** An action's parameters and whether each is required (`z.object(...).transform(...)` pipes included). */
export function parameters(schema: z.ZodType): { name: string; required: boolean }[] {
  let s = schema as unknown as { shape?: Record<string, z.ZodType>; in?: unknown };
  while (!s.shape && s.in) s = s.in as typeof s;
  return Object.entries(s.shape ?? {}).map(([name, p]) => ({ name, required: !p.safeParse(undefined).success }));
}
