// IAM SAML providers through the AWS SDK, as AWS has them: the metadata document read and checked
// (entity id, signing certificates, validUntil) by the SAML library, Get answering the document as
// uploaded with ValidUntil and a SAMLProviderUUID, List, Update replacing what was read from the
// document, Delete, tags, the refusal of encrypted assertions, and trust policies that may name a
// provider only once it exists.
import {
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  DeleteSAMLProviderCommand,
  GetSAMLProviderCommand,
  ListSAMLProvidersCommand,
  ListSAMLProviderTagsCommand,
  TagSAMLProviderCommand,
  UntagSAMLProviderCommand,
  UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { findSamlProvider } from '../../packages/core/src/repo/saml-providers';
import { db } from '../helpers';
import { rootClient } from '../iam/clients';
import { policy } from './clients';
import { createTestIdp } from './saml-fixtures';

const trustSaml = (providerArn: string) =>
  policy([
    {
      Effect: 'Allow',
      Principal: { Federated: providerArn },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml' } },
    },
  ]);

describe('CreateSAMLProvider and GetSAMLProvider', () => {
  it('reads the metadata (entity id, certificates) and answers it as uploaded, in AWS’s shape', async () => {
    const { iam: root, account } = await rootClient();
    const idp = await createTestIdp({ entityId: 'https://idp.example.com/metadata' });
    const metadata = idp.metadata();
    const out = await root.send(
      new CreateSAMLProviderCommand({ Name: 'Corp-IdP', SAMLMetadataDocument: metadata, Tags: [{ Key: 'team', Value: 'it' }] }),
    );
    const arn = `arn:aws:iam::${account.accountId}:saml-provider/Corp-IdP`;
    expect(out).toMatchObject({ SAMLProviderArn: arn, Tags: [{ Key: 'team', Value: 'it' }] });
    const got = await root.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    expect(got).toMatchObject({
      SAMLMetadataDocument: metadata,
      SAMLProviderUUID: expect.stringMatching(/^[A-Z0-9]{22,64}$/),
      AssertionEncryptionMode: 'Allowed',
      Tags: [{ Key: 'team', Value: 'it' }],
    });
    expect(Math.abs(got.CreateDate!.getTime() - Date.now())).toBeLessThan(60_000);
    // No validUntil in the metadata: AWS shows the provider valid for 100 years.
    expect(got.ValidUntil!.getUTCFullYear()).toBe(got.CreateDate!.getUTCFullYear() + 100);
    const stored = await findSamlProvider(db(), arn);
    expect(stored).toMatchObject({ entityId: 'https://idp.example.com/metadata', certificates: [idp.certificate] });
    const listed = await root.send(new ListSAMLProvidersCommand({}));
    expect(listed.SAMLProviderList).toEqual([{ Arn: arn, ValidUntil: got.ValidUntil, CreateDate: got.CreateDate }]);
  });

  it("keeps the metadata's validUntil, and refuses metadata that has expired", async () => {
    const { iam: root, account } = await rootClient();
    const idp = await createTestIdp();
    const validUntil = new Date(Date.now() + 30 * 86_400_000);
    await root.send(new CreateSAMLProviderCommand({ Name: 'Dated', SAMLMetadataDocument: idp.metadata({ validUntil }) }));
    const got = await root.send(new GetSAMLProviderCommand({ SAMLProviderArn: `arn:aws:iam::${account.accountId}:saml-provider/Dated` }));
    expect(Math.abs(got.ValidUntil!.getTime() - validUntil.getTime())).toBeLessThan(1000);
    await expect(
      root.send(
        new CreateSAMLProviderCommand({
          Name: 'Expired',
          SAMLMetadataDocument: idp.metadata({ validUntil: new Date(Date.now() - 60_000) }),
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('refuses what is not IdP metadata (InvalidInput), too short a document (ValidationError), a bad name, and a name in use', async () => {
    const { iam: root } = await rootClient();
    const idp = await createTestIdp();
    const notMetadata = `<?xml version="1.0"?><root>${'<x>padding</x>'.repeat(100)}</root>`;
    await expect(root.send(new CreateSAMLProviderCommand({ Name: 'Bad', SAMLMetadataDocument: notMetadata }))).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
    await expect(root.send(new CreateSAMLProviderCommand({ Name: 'Short', SAMLMetadataDocument: '<x/>' }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
    await expect(
      root.send(new CreateSAMLProviderCommand({ Name: 'has space', SAMLMetadataDocument: idp.metadata() })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
    });
    await expect(
      root.send(
        new CreateSAMLProviderCommand({ Name: 'NoKeys', SAMLMetadataDocument: idp.metadata({ noCertificate: true }) + ' '.repeat(1000) }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
    await root.send(new CreateSAMLProviderCommand({ Name: 'Twice', SAMLMetadataDocument: idp.metadata() }));
    await expect(root.send(new CreateSAMLProviderCommand({ Name: 'Twice', SAMLMetadataDocument: idp.metadata() }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Provider with name Twice already exists.',
    });
    expect((await root.send(new ListSAMLProvidersCommand({}))).SAMLProviderList!.map((p) => p.Arn!.split('/').pop())).toEqual(['Twice']);
  });

  it('refuses encrypted assertions: AssertionEncryptionMode Required and private keys are InvalidInput', async () => {
    const { iam: root, account } = await rootClient();
    const idp = await createTestIdp();
    await expect(
      root.send(new CreateSAMLProviderCommand({ Name: 'Enc', SAMLMetadataDocument: idp.metadata(), AssertionEncryptionMode: 'Required' })),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: expect.stringContaining('Encrypted SAML assertions are not supported'),
    });
    await root.send(
      new CreateSAMLProviderCommand({ Name: 'Plain', SAMLMetadataDocument: idp.metadata(), AssertionEncryptionMode: 'Allowed' }),
    );
    await expect(
      root.send(
        new UpdateSAMLProviderCommand({ SAMLProviderArn: `arn:aws:iam::${account.accountId}:saml-provider/Plain`, AddPrivateKey: 'key' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
  });
});

describe('UpdateSAMLProvider, DeleteSAMLProvider and tags', () => {
  it('a new metadata document replaces the entity id and certificates read from the old one', async () => {
    const { iam: root, account } = await rootClient();
    const before = await createTestIdp({ entityId: 'https://before.idp.example.com' });
    const after = await createTestIdp({ entityId: 'https://after.idp.example.com', keyType: 'ec' });
    const arn = `arn:aws:iam::${account.accountId}:saml-provider/Rotating`;
    await root.send(new CreateSAMLProviderCommand({ Name: 'Rotating', SAMLMetadataDocument: before.metadata() }));
    const out = await root.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: after.metadata() }));
    expect(out.SAMLProviderArn).toBe(arn);
    expect((await root.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }))).SAMLMetadataDocument).toBe(after.metadata());
    expect(await findSamlProvider(db(), arn)).toMatchObject({
      entityId: 'https://after.idp.example.com',
      certificates: [after.certificate],
    });
    await expect(
      root.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: `<r>${'x'.repeat(1000)}</r>` })),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
    expect(await findSamlProvider(db(), arn)).toMatchObject({ entityId: 'https://after.idp.example.com' });
  });

  it('Delete removes the provider and its tags; one that does not exist is NoSuchEntity', async () => {
    const { iam: root, account } = await rootClient();
    const idp = await createTestIdp();
    const arn = `arn:aws:iam::${account.accountId}:saml-provider/Gone`;
    await root.send(
      new CreateSAMLProviderCommand({ Name: 'Gone', SAMLMetadataDocument: idp.metadata(), Tags: [{ Key: 'a', Value: 'b' }] }),
    );
    await root.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn }));
    await expect(root.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `SAML provider not found for arn ${arn}`,
    });
    await expect(root.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    await root.send(new CreateSAMLProviderCommand({ Name: 'Gone', SAMLMetadataDocument: idp.metadata() }));
    expect((await root.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn }))).Tags ?? []).toEqual([]);
  });

  it('Tag, List and Untag, at most 50 keys', async () => {
    const { iam: root, account } = await rootClient();
    const idp = await createTestIdp();
    const arn = `arn:aws:iam::${account.accountId}:saml-provider/Tagged`;
    await root.send(new CreateSAMLProviderCommand({ Name: 'Tagged', SAMLMetadataDocument: idp.metadata() }));
    await root.send(
      new TagSAMLProviderCommand({
        SAMLProviderArn: arn,
        Tags: [
          { Key: 'env', Value: 'prod' },
          { Key: 'owner', Value: 'it' },
        ],
      }),
    );
    await root.send(new UntagSAMLProviderCommand({ SAMLProviderArn: arn, TagKeys: ['owner'] }));
    expect((await root.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn }))).Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expect(root.send(new TagSAMLProviderCommand({ SAMLProviderArn: arn, Tags: many }))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
  });

  it('a role may trust a SAML provider of the account only once it exists', async () => {
    const { iam: root, account } = await rootClient();
    const arn = `arn:aws:iam::${account.accountId}:saml-provider/Later`;
    await expect(root.send(new CreateRoleCommand({ RoleName: 'staff', AssumeRolePolicyDocument: trustSaml(arn) }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: `Invalid principal in policy: "Federated":"${arn}"`,
    });
    await root.send(new CreateSAMLProviderCommand({ Name: 'Later', SAMLMetadataDocument: (await createTestIdp()).metadata() }));
    await expect(root.send(new CreateRoleCommand({ RoleName: 'staff', AssumeRolePolicyDocument: trustSaml(arn) }))).resolves.toBeDefined();
  });
});
