// The operations that need AWS Organizations, AWS partners or outbound identity federation answer the
// error AWS gives when those are absent, never InvalidAction: through the SDK for a few, then every one
// in the table by its own required parameters, and with none of them (a ValidationError, as AWS checks
// parameters before anything else it can say).
import {
  GetOutboundWebIdentityFederationInfoCommand,
  ListDelegationRequestsCommand,
  ListOrganizationsFeaturesCommand,
} from '@aws-sdk/client-iam';
import { AssumeRootCommand, GetWebIdentityTokenCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { registry } from '../../workers/identity/src/actions/registry';
import { UNSUPPORTED } from '../../workers/identity/src/actions/unsupported-operations';
import { parameters, parameterValues } from './action-params';
import { rootClient, signedQuery } from './clients';

const VERSION = { iam: '2010-05-08', sts: '2011-06-15' } as const;

describe('operations answered with a documented error', () => {
  it('through the SDK: AWS error classes, as scripts catch them', async () => {
    const { iam, sts, account } = await rootClient();
    await expect(iam.send(new ListOrganizationsFeaturesCommand({}))).rejects.toMatchObject({
      name: 'OrganizationNotFoundException',
      message: expect.stringContaining('not a member of an organization'),
    });
    await expect(iam.send(new GetOutboundWebIdentityFederationInfoCommand({}))).rejects.toMatchObject({ name: 'FeatureDisabledException' });
    await expect(
      sts.send(new GetWebIdentityTokenCommand({ Audience: ['https://example.com'], SigningAlgorithm: 'ES384' })),
    ).rejects.toMatchObject({
      name: 'OutboundWebIdentityFederationDisabledException',
    });
    await expect(
      sts.send(
        new AssumeRootCommand({
          TargetPrincipal: account.accountId,
          TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'OrganizationNotFoundException' });
    // What can be answered truthfully is: there are no delegation requests.
    const listed = await iam.send(new ListDelegationRequestsCommand({}));
    expect(listed.DelegationRequests ?? []).toEqual([]);
  });

  it('every one answers its documented error with its required parameters, and ValidationError without them', async () => {
    const { account, creds } = await rootClient();
    const values = parameterValues(account.accountId, 'probe', creds.accessKeyId);
    for (const [name, u] of Object.entries(UNSUPPORTED)) {
      expect(registry[u.api].has(name), `${u.api}:${name} is registered`).toBe(true);
      const required = parameters(u.params).filter((p) => p.required);
      const params: Record<string, string> = { Action: name, Version: VERSION[u.api] };
      for (const p of required) Object.assign(params, values[p.name]);
      const res = await signedQuery(creds, new URLSearchParams(params).toString(), u.api);
      const xml = await res.text();
      expect(/<Code>([^<]+)<\/Code>/.exec(xml)?.[1], `${name}: ${xml}`).toBe(u.code);
      if (required.length > 0) {
        const bare = await signedQuery(creds, new URLSearchParams({ Action: name, Version: VERSION[u.api] }).toString(), u.api);
        expect(/<Code>([^<]+)<\/Code>/.exec(await bare.text())?.[1], name).toBe('ValidationError');
      }
    }
  });

  it('none of the operations botocore defines beyond the federation issue answers InvalidAction any more', async () => {
    const { creds } = await rootClient();
    const federation = ['AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity'];
    for (const [api, ops] of [
      [
        'sts',
        [
          'GetFederationToken',
          'GetAccessKeyInfo',
          'DecodeAuthorizationMessage',
          'AssumeRoot',
          'GetWebIdentityToken',
          'GetDelegatedAccessToken',
        ],
      ],
      [
        'iam',
        [
          'CreateServiceLinkedRole',
          'ListPoliciesGrantingServiceAccess',
          'ListOrganizationsFeatures',
          'EnableOutboundWebIdentityFederation',
        ],
      ],
    ] as const) {
      for (const op of ops) {
        if (federation.includes(op)) continue;
        const res = await signedQuery(creds, new URLSearchParams({ Action: op, Version: VERSION[api] }).toString(), api);
        expect(/<Code>([^<]+)<\/Code>/.exec(await res.text())?.[1], op).not.toBe('InvalidAction');
      }
    }
  });
});
