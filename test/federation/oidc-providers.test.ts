// IAM OpenID Connect providers through the AWS SDK, as AWS has them: the ARN from the URL without
// `https://`, Get answering the URL without its scheme, optional thumbprints, client ids added and
// removed idempotently, the quotas, tags, idempotent delete, and trust policies that may name a
// provider only once it exists.
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  PutUserPolicyCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  CreateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { unsetConditionKeyWarnings } from '../../packages/core/src/authz/unset-keys';
import { parsePolicy } from '../../packages/core/src/policy/parse';
import { iam, rootClient } from '../iam/clients';

const THUMB = 'a031c46782e6e6c662c2c87c76da9aa62ccabd8e';
const THUMB2 = '6938fd4d98bab03faadb97b34396831e3780aea1';

const githubTrust = (providerArn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
      },
    ],
  });

describe('CreateOpenIDConnectProvider and GetOpenIDConnectProvider', () => {
  it('names the provider by its URL without https://, and Get answers the URL without its scheme', async () => {
    const { iam: root, account } = await rootClient();
    const created = await root.send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://token.actions.githubusercontent.com',
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: [THUMB],
        Tags: [{ Key: 'team', Value: 'ci' }],
      }),
    );
    const arn = `arn:aws:iam::${account.accountId}:oidc-provider/token.actions.githubusercontent.com`;
    expect(created.OpenIDConnectProviderArn).toBe(arn);
    expect(created.Tags).toEqual([{ Key: 'team', Value: 'ci' }]);
    const got = await root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(got).toMatchObject({
      Url: 'token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: [THUMB],
      Tags: [{ Key: 'team', Value: 'ci' }],
    });
    expect(Math.abs(got.CreateDate!.getTime() - Date.now())).toBeLessThan(60_000);
    const listed = await root.send(new ListOpenIDConnectProvidersCommand({}));
    expect(listed.OpenIDConnectProviderList).toEqual([{ Arn: arn }]);
  });

  it('takes no thumbprints (AWS no longer requires them) and keeps a path in the ARN', async () => {
    const { iam: root, account } = await rootClient();
    const out = await root.send(
      new CreateOpenIDConnectProviderCommand({ Url: 'https://issuer.example.com/tenant-1', ClientIDList: ['app'] }),
    );
    expect(out.OpenIDConnectProviderArn).toBe(`arn:aws:iam::${account.accountId}:oidc-provider/issuer.example.com/tenant-1`);
    const got = await root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: out.OpenIDConnectProviderArn }));
    expect(got.ThumbprintList ?? []).toEqual([]);
    expect(got.Url).toBe('issuer.example.com/tenant-1');
  });

  it('refuses the same URL twice, with AWS wording', async () => {
    const { iam: root } = await rootClient();
    await root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://dup.example.com', ClientIDList: ['a'] }));
    await expect(
      root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://dup.example.com', ClientIDList: ['b'] })),
    ).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Provider with url https://dup.example.com already exists.',
    });
  });

  it('refuses URLs that are not https, carry a query or a fragment, and malformed thumbprints: InvalidInput, nothing written', async () => {
    const { iam: root } = await rootClient();
    for (const Url of [
      'http://issuer.example.com',
      'issuer.example.com',
      'https://issuer.example.com?tenant=1',
      'https://issuer.example.com/#x',
      'ftp://x.example',
    ]) {
      await expect(root.send(new CreateOpenIDConnectProviderCommand({ Url, ClientIDList: ['a'] })), Url).rejects.toMatchObject({
        name: 'InvalidInputException',
      });
    }
    await expect(
      root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://t.example.com', ThumbprintList: ['z'.repeat(40)] })),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(
      root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://t.example.com', ThumbprintList: Array(6).fill(THUMB) })),
    ).rejects.toMatchObject({ name: 'InvalidInputException', message: expect.stringContaining('at most 5') });
    await expect(
      root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://t.example.com', ThumbprintList: ['abc'] })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect((await root.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? []).toEqual([]);
  });

  it('allows an http://localhost provider in local development (the service itself runs on localhost here)', async () => {
    const { iam: root, account } = await rootClient();
    const out = await root.send(new CreateOpenIDConnectProviderCommand({ Url: 'http://localhost:9999', ClientIDList: ['local'] }));
    expect(out.OpenIDConnectProviderArn).toBe(`arn:aws:iam::${account.accountId}:oidc-provider/localhost:9999`);
  });

  it('Get of a provider that does not exist is NoSuchEntity, in AWS wording', async () => {
    const { iam: root, account } = await rootClient();
    const arn = `arn:aws:iam::${account.accountId}:oidc-provider/nobody.example.com`;
    await expect(root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `OpenIDConnect Provider not found for arn ${arn}`,
    });
  });
});

describe('client ids, thumbprints and delete', () => {
  it('adds and removes client ids idempotently, in the order they were added', async () => {
    const { iam: root } = await rootClient();
    const { OpenIDConnectProviderArn: arn } = await root.send(
      new CreateOpenIDConnectProviderCommand({ Url: 'https://c.example.com', ClientIDList: ['one'] }),
    );
    for (const ClientID of ['two', 'three', 'two'])
      await root.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID }));
    expect((await root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))).ClientIDList).toEqual([
      'one',
      'two',
      'three',
    ]);
    await root.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'two' }));
    await root.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'never-there' }));
    expect((await root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))).ClientIDList).toEqual([
      'one',
      'three',
    ]);
  });

  it('holds at most 100 client ids (LimitExceeded), at create and when adding', async () => {
    const { iam: root } = await rootClient();
    const many = Array.from({ length: 101 }, (_, i) => `client-${i}`);
    await expect(
      root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://many.example.com', ClientIDList: many })),
    ).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    const { OpenIDConnectProviderArn: arn } = await root.send(
      new CreateOpenIDConnectProviderCommand({ Url: 'https://many.example.com', ClientIDList: many.slice(0, 100) }),
    );
    await expect(
      root.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'one-more' })),
    ).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    // One already there is no addition: idempotent even at the limit.
    await root.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'client-7' }));
    expect((await root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))).ClientIDList).toHaveLength(100);
  });

  it('UpdateOpenIDConnectProviderThumbprint replaces the list, never merges it', async () => {
    const { iam: root } = await rootClient();
    const { OpenIDConnectProviderArn: arn } = await root.send(
      new CreateOpenIDConnectProviderCommand({ Url: 'https://th.example.com', ClientIDList: ['a'], ThumbprintList: [THUMB] }),
    );
    await root.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [THUMB2] }));
    expect((await root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))).ThumbprintList).toEqual([THUMB2]);
  });

  it('Delete removes the provider and its tags, and is idempotent as AWS documents', async () => {
    const { iam: root } = await rootClient();
    const { OpenIDConnectProviderArn: arn } = await root.send(
      new CreateOpenIDConnectProviderCommand({ Url: 'https://del.example.com', ClientIDList: ['a'], Tags: [{ Key: 'k', Value: 'v' }] }),
    );
    await root.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    await expect(root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    await root.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    // The same URL again starts with no tags and no client ids of the old one.
    await root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://del.example.com' }));
    const again = await root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(again.ClientIDList ?? []).toEqual([]);
    expect(again.Tags ?? []).toEqual([]);
  });
});

describe('tags', () => {
  it('Tag, List and Untag, keys case-insensitive, at most 50', async () => {
    const { iam: root } = await rootClient();
    const { OpenIDConnectProviderArn: arn } = await root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://tags.example.com' }));
    await root.send(
      new TagOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: arn,
        Tags: [
          { Key: 'Team', Value: 'ci' },
          { Key: 'env', Value: 'prod' },
        ],
      }),
    );
    await root.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'team', Value: 'platform' }] }));
    const listed = await root.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }));
    expect(listed.Tags).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'team', Value: 'platform' },
    ]);
    await root.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ['ENV'] }));
    expect((await root.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }))).Tags).toEqual([
      { Key: 'team', Value: 'platform' },
    ]);
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expect(root.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: fifty }))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    await expect(
      root.send(
        new TagOpenIDConnectProviderCommand({
          OpenIDConnectProviderArn: arn,
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'A', Value: '2' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('a policy can allow a provider by its tag (aws:ResourceTag) and not another', async () => {
    const { iam: root } = await rootClient();
    const ci = await root.send(
      new CreateOpenIDConnectProviderCommand({ Url: 'https://ci.example.com', Tags: [{ Key: 'team', Value: 'ci' }] }),
    );
    const other = await root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://other.example.com' }));
    await root.send(new CreateUserCommand({ UserName: 'reader' }));
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'reader',
        PolicyName: 'ci-providers',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:GetOpenIDConnectProvider',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceTag/team': 'ci' } },
            },
          ],
        }),
      }),
    );
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'reader' }));
    const reader = iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    expect((await reader.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ci.OpenIDConnectProviderArn }))).Url).toBe(
      'ci.example.com',
    );
    await expect(
      reader.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: other.OpenIDConnectProviderArn })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });
});

describe('trust policies name providers by ARN', () => {
  it('a role may trust a provider of the account only once it exists, and keeps its ARN as written', async () => {
    const { iam: root, account } = await rootClient();
    const arn = `arn:aws:iam::${account.accountId}:oidc-provider/token.actions.githubusercontent.com`;
    await expect(root.send(new CreateRoleCommand({ RoleName: 'ci', AssumeRolePolicyDocument: githubTrust(arn) }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: `Invalid principal in policy: "Federated":"${arn}"`,
    });
    await root.send(
      new CreateOpenIDConnectProviderCommand({ Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] }),
    );
    await root.send(new CreateRoleCommand({ RoleName: 'ci', AssumeRolePolicyDocument: githubTrust(arn) }));
    const role = (await root.send(new GetRoleCommand({ RoleName: 'ci' }))).Role!;
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)).Statement[0].Principal).toEqual({ Federated: arn });
  });

  it("built-in providers and other accounts' providers are accepted as written; anything else is not a provider", async () => {
    const { iam: root } = await rootClient();
    for (const [i, federated] of [
      'cognito-identity.amazonaws.com',
      'accounts.google.com',
      'arn:aws:iam::111122223333:saml-provider/Other',
    ].entries()) {
      await root.send(new CreateRoleCommand({ RoleName: `ok-${i}`, AssumeRolePolicyDocument: githubTrust(federated) }));
    }
    for (const federated of ['example.com', 'arn:aws:iam::111122223333:role/x', '*']) {
      await expect(
        root.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: githubTrust(federated) })),
        federated,
      ).rejects.toMatchObject({
        name: 'MalformedPolicyDocumentException',
      });
    }
  });
});

describe("the policy validator knows the providers' keys", () => {
  it('a GitHub Actions trust policy draws no "never set" warning; a misspelt key still does', () => {
    const trust = (condition: object) => {
      const parsed = parsePolicy(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
              Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
              Condition: condition,
            },
          ],
        }),
        'trust',
      );
      if (!parsed.ok) throw new Error('not a trust policy');
      return unsetConditionKeyWarnings(parsed.policy).map((w) => w.path);
    };
    expect(
      trust({
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:repository': 'acme/app',
          'localhost:8787:sub': 'u',
          'aws:RequestTag/team': 'ci',
        },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' },
      }),
    ).toEqual([]);
    expect(trust({ StringEquals: { 'token.actions.githubusercontent.com:repositroy': 'acme/app' } })).toEqual([
      'Statement[0].Condition.StringEquals.token.actions.githubusercontent.com:repositroy',
    ]);
  });
});
