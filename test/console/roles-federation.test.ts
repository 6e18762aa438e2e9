// The create-role wizard's federated trust, walked as a browser would (the answers ride in a hidden
// draft from page to page): web identity for GitHub Actions (the account's OpenID Connect provider,
// one of its audiences, a repository and branch written into `sub`), another OpenID Connect provider
// with a typed subject, and SAML 2.0 federation. Each role's trust policy is checked through GetRole,
// and then really used: a GitHub-shaped token of the right branch (a test issuer at GitHub's URL) and
// a signed SAML assertion get credentials; another repository's token does not. Bad answers (an
// unknown provider, no audience, an audience the provider does not have, a draft tampered with on
// the way to "Create role") are 400 with the message beside the field, and create nothing. Someone
// who may not list or read the providers is told so, never shown an error page.
import {
  CreateOpenIDConnectProviderCommand,
  CreateSAMLProviderCommand,
  GetRoleCommand,
  ListRolesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithSAMLCommand, AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anonymousSts } from '../federation/clients';
import { createTestIdp } from '../federation/saml-fixtures';
import { routeFetchTo, testIssuer } from '../federation/test-issuer';
import { iam } from '../iam/clients';
import { account, consoleAsRoot, consoleAsUser, open, readable, submit, type Browser } from './fixtures';

const GITHUB = 'token.actions.githubusercontent.com';
const github = await testIssuer({ url: `https://${GITHUB}` });
const SAML_AUDIENCE = 'https://signin.aws.amazon.com/saml';

afterEach(() => vi.restoreAllMocks());

type Account = Awaited<ReturnType<typeof account>>;
const rootIam = (a: Account) => iam({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
const attr = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const draftOf = (html: string) => attr(/name="wizard" value="([^"]*)"/.exec(html)![1]!);
/** Posts a wizard step's form as the page would: the draft it carried plus the fields a person filled in. */
const step = (b: Browser, name: string, from: { html: string }, fields: Record<string, string> = {}) =>
  submit(b, `/console/roles/new/${name}`, { wizard: draftOf(from.html), ...fields });
/** "Create role" with the page's draft, changed as a tampering browser would change it. */
const createWith = (b: Browser, from: { html: string }, change: Record<string, unknown>) =>
  submit(b, '/console/roles/new/review', { wizard: JSON.stringify({ ...JSON.parse(draftOf(from.html)), ...change }) });

const roleNames = async (sdk: IAMClient) => ((await sdk.send(new ListRolesCommand({}))).Roles ?? []).map((r) => r.RoleName);
const trustOf = async (sdk: IAMClient, name: string) =>
  JSON.parse(decodeURIComponent((await sdk.send(new GetRoleCommand({ RoleName: name }))).Role!.AssumeRolePolicyDocument!)) as unknown;

/** Page text with the spaces `readable` leaves where tags met punctuation taken out: "(<code>x</code>)" reads "(x)". */
const tight = (text: string) => text.replace(/\s+([;:),.])/g, '$1').replace(/\(\s+/g, '(');

/** The message shown beside a field (its `<name>-error` paragraph), as a person reads it. */
const besideField = (html: string, field: string) => {
  const at = html.indexOf(`id="${field}-error"`);
  return at < 0 ? '' : readable(html.slice(html.lastIndexOf('<', at), html.indexOf('</p>', at)));
};

/** A refused step: 400, the message in the summary linking to the field and beside the field. */
function expectRefused(res: { status: number; html: string; text: string }, field: string, message: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.html).toContain(`href="#${field}"`);
  expect(besideField(res.html, field)).toContain(message);
}

/** Walks permissions and details (no policies, the given name) to the review page. */
async function toReview(b: Browser, preview: { html: string }, roleName: string) {
  const permissions = await step(b, 'trust-preview', preview);
  expect(permissions.status, permissions.text).toBe(200);
  const details = await step(b, 'permissions', permissions, { boundary: '' });
  expect(details.status, details.text).toBe(200);
  const review = await step(b, 'details', details, { roleName, maxSession: '3600', tag_rows: '3' });
  expect(review.status, review.text).toBe(200);
  return review;
}

async function setup() {
  const a = await account();
  const { browser } = await consoleAsRoot(a);
  return { a, browser, sdk: rootIam(a) };
}

async function withOidcProvider(sdk: IAMClient, url: string, clientIds?: string[]) {
  const out = await sdk.send(new CreateOpenIDConnectProviderCommand({ Url: url, ...(clientIds ? { ClientIDList: clientIds } : {}) }));
  return out.OpenIDConnectProviderArn!;
}

describe('console: roles trusting identity providers', () => {
  it('web identity for GitHub Actions: provider, audience, repository and branch make the trust policy AWS’s console writes, and a workflow on that branch assumes the role', async () => {
    const { a, browser, sdk } = await setup();
    routeFetchTo(github);
    const providerArn = await withOidcProvider(sdk, `https://${GITHUB}`, ['sts.amazonaws.com', 'deploy-tool']);

    const start = await open(browser, '/console/roles/new');
    expect(start.status).toBe(200);
    expect(start.html).not.toMatch(/id="trustType-web-identity"[^>]*disabled/);
    expect(start.text).toContain('Web identity Let workloads with tokens from an OpenID Connect provider');
    expect(start.text).toContain('SAML 2.0 federation');
    expect(start.html).toContain(`name="oidcProvider" value="${providerArn}"`);
    expect(start.text).toContain(`${GITHUB} ${providerArn}`);
    // No SAML provider in this account: said so, with how to add one.
    expect(start.text).toContain('This account has no SAML providers yet.');
    expect(start.text).toContain('aws iam create-saml-provider --name Corp --saml-metadata-document file://idp-metadata.xml');

    const audience = await step(browser, 'trust', start, { trustType: 'web-identity', oidcProvider: providerArn });
    expect(audience.status, audience.text).toBe(200);
    expect(audience.text).toContain('Web identity: audience and conditions');
    expect(audience.text).toContain('Step 1: Select trusted entity');
    expect(audience.html).toContain('name="audience" value="sts.amazonaws.com"');
    expect(audience.html).toContain('name="audience" value="deploy-tool"');
    for (const label of ['GitHub organization', 'GitHub repository (optional)', 'GitHub branch (optional)'])
      expect(audience.text).toContain(label);
    expect(audience.html).not.toContain('name="subject"');

    // Bad answers on the audience page: 400, beside the field, and nothing made.
    expectRefused(await step(browser, 'web-identity', audience, { audience: '', githubOrg: 'acme' }), 'audience', 'Choose the audience');
    expectRefused(
      await step(browser, 'web-identity', audience, { audience: 'sts.example.com', githubOrg: 'acme' }),
      'audience',
      `sts.example.com is not an audience of ${GITHUB}: choose one of its client IDs (sts.amazonaws.com, deploy-tool)`,
    );
    expectRefused(
      await step(browser, 'web-identity', audience, { audience: 'sts.amazonaws.com' }),
      'githubOrg',
      'without it, any repository on GitHub could',
    );
    expectRefused(
      await step(browser, 'web-identity', audience, { audience: 'sts.amazonaws.com', githubOrg: 'acme', githubBranch: 'has space' }),
      'githubBranch',
      'A branch name has no spaces',
    );
    const kept = await step(browser, 'web-identity', audience, { audience: '', githubOrg: 'acme', githubRepo: 'app' });
    expect(kept.html).toMatch(/id="githubRepo"[^>]*value="app"|value="app"[^>]*id="githubRepo"/);

    const preview = await step(browser, 'web-identity', audience, {
      audience: 'sts.amazonaws.com',
      githubOrg: 'acme',
      githubRepo: 'app',
      githubBranch: 'main',
    });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.text).toContain('Check the trust policy');
    expect(preview.text).toContain(`May assume: Identity provider ${GITHUB}`);
    expect(preview.text).toContain('Actions: sts:AssumeRoleWithWebIdentity');
    expect(preview.text).toContain(
      `Token audience (${GITHUB}:aud) is sts.amazonaws.com; Token subject (${GITHUB}:sub) is repo:acme/app:ref:refs/heads/main`,
    );

    // Back from the preview is the audience page, with the answers kept.
    const back = await step(browser, 'trust-preview', preview, { op: 'back' });
    expect(back.text).toContain('Web identity: audience and conditions');
    expect(back.html).toMatch(/value="sts\.amazonaws\.com" checked/);

    const review = await toReview(browser, preview, 'gha-deploy');
    expect(review.text).toContain(`May assume: Identity provider ${GITHUB}`);
    expect(tight(review.text)).toContain(
      'Audience and subject Audience sts.amazonaws.com; subject matching repo:acme/app:ref:refs/heads/main',
    );
    expect(review.text).toContain(`"Federated": "${providerArn}"`);
    expect(review.html).toContain('value="goto-web-identity"');

    // A draft whose audience was changed on the way is refused at "Create role": no role.
    const forged = await createWith(browser, review, { audience: 'attacker' });
    expectRefused(forged, 'audience', `attacker is not an audience of ${GITHUB}`);
    const unknown = await createWith(browser, review, { oidcProvider: `arn:aws:iam::${a.accountId}:oidc-provider/evil.example.com` });
    expectRefused(unknown, 'oidcProvider', 'There is no identity provider evil.example.com in this account');
    expect(await roleNames(sdk)).toEqual([]);

    const created = await step(browser, 'review', review);
    expect(created.status, created.text).toBe(303);
    expect(created.location).toMatch(/^\/console\/roles\/gha-deploy\?notice=/);
    expect(await trustOf(sdk, 'gha-deploy')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: providerArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
            StringLike: { [`${GITHUB}:sub`]: 'repo:acme/app:ref:refs/heads/main' },
          },
        },
      ],
    });

    const detail = await open(browser, created.location!);
    expect(detail.text).toContain(`May assume: Identity provider ${GITHUB}`);
    expect((await open(browser, '/console/roles')).text).toMatch(
      new RegExp(`gha-deploy Identity provider ${GITHUB.replace(/\./g, '\\.')} \\d{4}`),
    );

    // The policy works: a workflow on main of acme/app gets credentials; another repository does not.
    const roleArn = `arn:aws:iam::${a.accountId}:role/gha-deploy`;
    const token = (repo: string) =>
      github.sign({ aud: 'sts.amazonaws.com', sub: `repo:${repo}:ref:refs/heads/main`, repository: repo, ref: 'refs/heads/main' });
    const assume = async (repo: string) =>
      anonymousSts().send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'run', WebIdentityToken: await token(repo) }),
      );
    expect((await assume('acme/app')).AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${a.accountId}:assumed-role/gha-deploy/run`);
    await expect(assume('acme/other')).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('web identity for another provider: a typed subject pattern becomes StringLike on <provider>:sub, and none trusts every subject', async () => {
    const { browser, sdk } = await setup();
    const id = `k8s-${crypto.randomUUID().slice(0, 8)}.example.com/cluster`;
    const providerArn = await withOidcProvider(sdk, `https://${id}`, ['sts.amazonaws.com']);
    const start = await open(browser, '/console/roles/new');
    const audience = await step(browser, 'trust', start, { trustType: 'web-identity', oidcProvider: providerArn });
    expect(audience.status, audience.text).toBe(200);
    expect(audience.html).toContain('name="subject"');
    expect(audience.html).not.toContain('name="githubOrg"');
    expect(tight(audience.text)).toContain(`Only tokens whose subject (${id}:sub) matches may assume the role`);

    const preview = await step(browser, 'web-identity', audience, { audience: 'sts.amazonaws.com', subject: 'system:serviceaccount:ci:*' });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.text).toContain(`Token subject (${id}:sub) matches system:serviceaccount:ci:*`);
    const review = await toReview(browser, preview, 'ci');
    expect((await step(browser, 'review', review)).status).toBe(303);
    expect(await trustOf(sdk, 'ci')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: providerArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${id}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${id}:sub`]: 'system:serviceaccount:ci:*' } },
        },
      ],
    });

    // "Change" the audience and subject from the review: the subject cleared, the policy keeps only aud.
    const change = await step(browser, 'review', review, { op: 'goto-web-identity' });
    expect(change.text).toContain('Web identity: audience and conditions');
    const again = await step(browser, 'web-identity', change, { audience: 'sts.amazonaws.com', subject: '' });
    const anyone = await createWith(browser, again, { roleName: 'ci-any' });
    expect(anyone.status, anyone.text).toBe(303);
    expect(await trustOf(sdk, 'ci-any')).toMatchObject({
      Statement: [{ Condition: { StringEquals: { [`${id}:aud`]: 'sts.amazonaws.com' } } }],
    });
    expect(JSON.stringify(await trustOf(sdk, 'ci-any'))).not.toContain('StringLike');
  });

  it('SAML 2.0 federation: the provider and programmatic access make AWS’s trust policy, and an assertion signed by the IdP assumes the role', async () => {
    const { a, browser, sdk } = await setup();
    const idp = await createTestIdp();
    const { SAMLProviderArn } = await sdk.send(new CreateSAMLProviderCommand({ Name: 'Corp', SAMLMetadataDocument: idp.metadata() }));
    const providerArn = SAMLProviderArn!;

    const start = await open(browser, '/console/roles/new');
    expect(start.html).toContain(`name="samlProvider" value="${providerArn}"`);
    expect(start.text).toContain(`Corp ${providerArn} Valid until`);
    expect(start.html).toMatch(/id="samlAccess-programmatic"[^>]*checked/);
    expect(start.html).toMatch(/id="samlAccess-console"[^>]*disabled/);
    expect(start.text).toContain('This account has no OpenID Connect identity providers yet.');
    expect(start.text).toContain(
      'aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com',
    );

    expectRefused(
      await step(browser, 'trust', start, { trustType: 'saml', samlAccess: 'programmatic' }),
      'samlProvider',
      'Choose the SAML provider',
    );
    expectRefused(
      await step(browser, 'trust', start, { trustType: 'saml', samlProvider: `arn:aws:iam::${a.accountId}:saml-provider/Nobody` }),
      'samlProvider',
      'There is no SAML provider Nobody in this account',
    );
    expectRefused(
      await step(browser, 'trust', start, { trustType: 'saml', samlProvider: providerArn, samlAccess: 'console' }),
      'samlAccess',
      'this service offers no console sign-in through SAML',
    );
    // An account without OpenID Connect providers: web identity cannot be chosen without one.
    expectRefused(await step(browser, 'trust', start, { trustType: 'web-identity' }), 'oidcProvider', 'Choose the identity provider');

    const preview = await step(browser, 'trust', start, { trustType: 'saml', samlProvider: providerArn, samlAccess: 'programmatic' });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.text).toContain('May assume: SAML provider Corp');
    expect(preview.text).toContain(`Actions: sts:AssumeRoleWithSAML Conditions: SAML audience (saml:aud) is ${SAML_AUDIENCE}`);
    const review = await toReview(browser, preview, 'staff');
    expect(review.text).toContain('May assume: SAML provider Corp');
    expect(review.text).toContain(`"saml:aud": "${SAML_AUDIENCE}"`);
    expect((await createWith(browser, review, { samlProvider: `arn:aws:iam::${a.accountId}:saml-provider/Gone` })).status).toBe(400);
    expect(await roleNames(sdk)).toEqual([]);

    const created = await step(browser, 'review', review);
    expect(created.status, created.text).toBe(303);
    expect(await trustOf(sdk, 'staff')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: providerArn },
          Action: 'sts:AssumeRoleWithSAML',
          Condition: { StringEquals: { 'saml:aud': SAML_AUDIENCE } },
        },
      ],
    });
    expect((await open(browser, '/console/roles/staff')).text).toContain('May assume: SAML provider Corp');

    const roleArn = `arn:aws:iam::${a.accountId}:role/staff`;
    const out = await anonymousSts().send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: roleArn,
        PrincipalArn: providerArn,
        SAMLAssertion: await idp.response({ roles: [{ roleArn, providerArn }], roleSessionName: 'alice' }),
      }),
    );
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${a.accountId}:assumed-role/staff/alice`);
  });

  it('an unknown, malformed or audience-less provider is 400 beside the field, and creates nothing', async () => {
    const { a, browser, sdk } = await setup();
    const bare = await withOidcProvider(sdk, `https://bare-${crypto.randomUUID().slice(0, 8)}.example.com`);
    const start = await open(browser, '/console/roles/new');
    expectRefused(
      await step(browser, 'trust', start, {
        trustType: 'web-identity',
        oidcProvider: `arn:aws:iam::${a.accountId}:oidc-provider/nobody.example.com`,
      }),
      'oidcProvider',
      'There is no identity provider nobody.example.com in this account: choose one from the list',
    );
    expectRefused(
      await step(browser, 'trust', start, { trustType: 'web-identity', oidcProvider: 'token.actions.githubusercontent.com' }),
      'oidcProvider',
      'Choose an identity provider from the list',
    );
    // Another account's provider is not one of this account's.
    expectRefused(
      await step(browser, 'trust', start, { trustType: 'web-identity', oidcProvider: `arn:aws:iam::123456789012:oidc-provider/${GITHUB}` }),
      'oidcProvider',
      `There is no identity provider ${GITHUB} in this account`,
    );

    // A provider with no client ids: the page says so and how to add one; no audience can be chosen.
    const audience = await step(browser, 'trust', start, { trustType: 'web-identity', oidcProvider: bare });
    expect(audience.status, audience.text).toBe(200);
    expect(audience.text).toContain('has no audiences (client IDs) yet');
    expect(audience.text).toContain(
      `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${bare} --client-id sts.amazonaws.com`,
    );
    expectRefused(await step(browser, 'web-identity', audience, { audience: '' }), 'audience', 'Choose the audience');
    expectRefused(
      await step(browser, 'web-identity', audience, { audience: 'sts.amazonaws.com' }),
      'audience',
      'has no audiences (client IDs) yet',
    );
    expect((await createWith(browser, audience, { audience: 'sts.amazonaws.com', roleName: 'nope', maxSession: '3600' })).status).toBe(400);
    expect(await roleNames(sdk)).toEqual([]);
  });

  it('privilege: someone who may not list or read identity providers is told so, never shown an error page', async () => {
    const a = await account();
    const sdk = rootIam(a);
    const providerArn = await withOidcProvider(sdk, `https://${GITHUB}`, ['sts.amazonaws.com']);
    const builder = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:CreateRole', 'iam:GetRole', 'iam:ListPolicies', 'iam:GetPolicy'], Resource: '*' }],
    });
    const { browser } = await consoleAsUser(a.accountId, 'builder', { policies: { Builder: builder } });
    const start = await open(browser, '/console/roles/new');
    expect(start.status).toBe(200);
    expect(start.text).toMatch(
      /The identity providers could not be listed: User: \S+ is not authorized to perform: iam:ListOpenIDConnectProviders/,
    );
    expect(start.text).toContain('ask for iam:ListOpenIDConnectProviders and iam:GetOpenIDConnectProvider');
    expect(start.text).toMatch(/The SAML providers could not be listed: User: \S+ is not authorized to perform: iam:ListSAMLProviders/);

    // Choosing web identity anyway (a provider ARN typed into the form): its audiences cannot be read.
    const refused = await step(browser, 'trust', start, { trustType: 'web-identity', oidcProvider: providerArn });
    expectRefused(refused, 'oidcProvider', 'could not be read, so the role cannot be set up here');
    expect(besideField(refused.html, 'oidcProvider')).toContain('is not authorized to perform: iam:GetOpenIDConnectProvider');
    expect(await roleNames(sdk)).toEqual([]);
  });
});
