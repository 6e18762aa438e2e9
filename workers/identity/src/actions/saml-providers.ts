// IAM SAML providers, as AWS has them: CreateSAMLProvider (a metadata document of 1,000 to 10,000,000
// characters, read and checked by the SAML library: the IdP's entity id, its signing certificates,
// validUntil), GetSAMLProvider, ListSAMLProviders, UpdateSAMLProvider (a new metadata document
// replaces everything read from the old one), DeleteSAMLProvider, and Tag/Untag/ListSAMLProviderTags.
// A provider is `arn:aws:iam::<account>:saml-provider/<name>`; trust policies name that ARN as their
// `Federated` principal, and AssumeRoleWithSAML verifies assertions against its certificates.
// Encrypted assertions (AssertionEncryptionMode=Required, private keys) are refused as InvalidInput.
import { z } from 'zod';
import { IamError, randomBase32 } from '@edge-iam/core';
import type { XmlStruct } from '@edge-iam/core/aws';
import {
  countSamlProviders,
  deleteSamlProviderStatements,
  findSamlProvider,
  insertSamlProviderStatements,
  listSamlProviders,
  listTags,
  MAX_SAML_PROVIDERS,
  putTagsStatements,
  removeTagsStatements,
  samlProviderArn,
  updateSamlMetadataStatement,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { arn, marker, maxItems, tagKeyList, tagList } from '../params';
import { assertProviderTagsFit, tagPage, tagsElement } from './identity-provider-tags';
import { resourceFacts } from './request-facts';
import {
  encryptionMode,
  metadataDocument,
  privateKey,
  privateKeyId,
  providerName,
  readMetadata,
  refuseEncryption,
  requireSamlProvider,
} from './saml-provider-lookup';

/** A metadata document without validUntil: AWS shows the provider valid for 100 years from its creation. */
const shownValidUntil = (p: { validUntil: Date | null; createdAt: Date }) =>
  p.validUntil ??
  new Date(
    Date.UTC(
      p.createdAt.getUTCFullYear() + 100,
      p.createdAt.getUTCMonth(),
      p.createdAt.getUTCDate(),
      p.createdAt.getUTCHours(),
      p.createdAt.getUTCMinutes(),
      p.createdAt.getUTCSeconds(),
    ),
  );

const tooManyProviders = () => new IamError('LimitExceeded', `Cannot exceed quota for SAMLProvidersPerAccount: ${MAX_SAML_PROVIDERS}`);

export const samlProviderActions: ActionTable = {
  CreateSAMLProvider: action(
    z.object({
      SAMLMetadataDocument: metadataDocument,
      Name: providerName,
      Tags: tagList.optional(),
      AssertionEncryptionMode: encryptionMode.optional(),
      AddPrivateKey: privateKey.optional(),
    }),
    async (ctx, p) => {
      const target = samlProviderArn(ctx.accountId, p.Name);
      const tags = p.Tags ?? [];
      await ctx.authorize(target, { facts: { resourceTags: [], requestTags: tags } });
      if (tags.length > 0) await ctx.authorize(target, { action: 'iam:TagSAMLProvider', facts: { resourceTags: [], requestTags: tags } });
      assertProviderTagsFit([], tags, 'SAMLProvider');
      refuseEncryption(p);
      const metadata = readMetadata(p.SAMLMetadataDocument, ctx.now);
      const alreadyExists = () => new IamError('EntityAlreadyExists', `Provider with name ${p.Name} already exists.`);
      if (await findSamlProvider(ctx.db, target)) throw alreadyExists();
      if ((await countSamlProviders(ctx.db, ctx.accountId)) >= MAX_SAML_PROVIDERS) throw tooManyProviders();
      const uuid = randomBase32(26);
      const created = insertSamlProviderStatements(
        ctx.db,
        { arn: target, accountId: ctx.accountId, name: p.Name, uuid, createdAt: ctx.now, ...metadata },
        tags,
      );
      await ctx.commit(created.statements, target, alreadyExists, created.inserted);
      const stored = await findSamlProvider(ctx.db, target);
      // Not inserted: a concurrent create took the last place, or this name, first.
      if (!stored) throw tooManyProviders();
      if (stored.uuid !== uuid) throw alreadyExists();
      return { SAMLProviderArn: target, Tags: tagsElement(tags) };
    },
  ),

  GetSAMLProvider: action(z.object({ SAMLProviderArn: arn }), async (ctx, p) => {
    const provider = await requireSamlProvider(ctx, p.SAMLProviderArn);
    const facts = await resourceFacts(ctx, provider.arn);
    await ctx.authorize(provider.arn, { facts });
    return {
      SAMLProviderUUID: provider.uuid,
      SAMLMetadataDocument: provider.metadataDocument,
      CreateDate: provider.createdAt,
      ValidUntil: shownValidUntil(provider),
      Tags: tagsElement(facts.resourceTags),
      AssertionEncryptionMode: 'Allowed',
    };
  }),

  ListSAMLProviders: action(z.object({}), async (ctx) => {
    await ctx.authorize('*');
    const providers = await listSamlProviders(ctx.db, ctx.accountId);
    return {
      SAMLProviderList: providers.map((s): XmlStruct => ({ Arn: s.arn, ValidUntil: shownValidUntil(s), CreateDate: s.createdAt })),
    };
  }),

  UpdateSAMLProvider: action(
    z.object({
      SAMLMetadataDocument: metadataDocument.optional(),
      SAMLProviderArn: arn,
      AssertionEncryptionMode: encryptionMode.optional(),
      AddPrivateKey: privateKey.optional(),
      RemovePrivateKey: privateKeyId.optional(),
    }),
    async (ctx, p) => {
      const provider = await requireSamlProvider(ctx, p.SAMLProviderArn);
      await ctx.authorize(provider.arn, { facts: await resourceFacts(ctx, provider.arn) });
      refuseEncryption(p);
      if (p.SAMLMetadataDocument !== undefined) {
        const metadata = readMetadata(p.SAMLMetadataDocument, ctx.now);
        await ctx.commit([updateSamlMetadataStatement(ctx.db, provider.arn, metadata)], provider.arn);
      }
      return { SAMLProviderArn: provider.arn };
    },
  ),

  DeleteSAMLProvider: action(z.object({ SAMLProviderArn: arn }), async (ctx, p) => {
    const provider = await requireSamlProvider(ctx, p.SAMLProviderArn);
    await ctx.authorize(provider.arn, { facts: await resourceFacts(ctx, provider.arn) });
    await ctx.commit(deleteSamlProviderStatements(ctx.db, provider.arn), provider.arn);
    return undefined;
  }),

  TagSAMLProvider: action(z.object({ SAMLProviderArn: arn, Tags: tagList }), async (ctx, p) => {
    const provider = await requireSamlProvider(ctx, p.SAMLProviderArn);
    const facts = await resourceFacts(ctx, provider.arn);
    await ctx.authorize(provider.arn, { facts: { ...facts, requestTags: p.Tags } });
    assertProviderTagsFit(facts.resourceTags, p.Tags, 'SAMLProvider');
    await ctx.commit(putTagsStatements(ctx.db, provider.arn, p.Tags), provider.arn);
    return undefined;
  }),

  UntagSAMLProvider: action(z.object({ SAMLProviderArn: arn, TagKeys: tagKeyList }), async (ctx, p) => {
    const provider = await requireSamlProvider(ctx, p.SAMLProviderArn);
    const facts = await resourceFacts(ctx, provider.arn);
    await ctx.authorize(provider.arn, { facts: { ...facts, tagKeys: p.TagKeys } });
    await ctx.commit(removeTagsStatements(ctx.db, provider.arn, p.TagKeys), provider.arn);
    return undefined;
  }),

  ListSAMLProviderTags: action(
    z.object({ SAMLProviderArn: arn, Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      const provider = await requireSamlProvider(ctx, p.SAMLProviderArn);
      const tags = await listTags(ctx.db, provider.arn);
      await ctx.authorize(provider.arn, { facts: { resourceTags: tags } });
      return tagPage(tags, p.Marker, p.MaxItems);
    },
  ),
};
