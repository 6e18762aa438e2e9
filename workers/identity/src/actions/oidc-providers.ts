// IAM OpenID Connect providers, as AWS has them: CreateOpenIDConnectProvider (an https URL, up to 100
// client ids, up to five thumbprints, which AWS no longer requires, and tags), Get, List, Delete
// (idempotent, as AWS documents), AddClientIDToOpenIDConnectProvider (idempotent, at most 100),
// RemoveClientIDFromOpenIDConnectProvider (idempotent), UpdateOpenIDConnectProviderThumbprint (the
// list replaces the old one), and Tag/Untag/ListOpenIDConnectProviderTags. A provider is named by
// `arn:aws:iam::<account>:oidc-provider/<url without https://>`, so one URL is registered once per
// account. Trust policies name that ARN as their `Federated` principal (trust-principals.ts), and
// AssumeRoleWithWebIdentity verifies tokens of its issuer (web-identity.ts).
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import type { XmlStruct } from '@edge-iam/core/aws';
import {
  addOidcClientIdStatement,
  countOidcProviders,
  deleteOidcProviderStatements,
  findOidcProvider,
  insertOidcProviderStatements,
  listOidcProviderArns,
  listTags,
  MAX_OIDC_CLIENT_IDS,
  MAX_OIDC_PROVIDERS,
  oidcProviderArn,
  putTagsStatements,
  removeOidcClientIdStatement,
  removeTagsStatements,
  setOidcThumbprintsStatement,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { marker, maxItems, tagKeyList, tagList } from '../params';
import { assertProviderTagsFit, tagPage, tagsElement } from './identity-provider-tags';
import {
  checkThumbprints,
  clientId,
  clientIdList,
  issuerWithoutScheme,
  noSuchOidcProvider,
  providerArnParam,
  providerUrl,
  requireOidcProvider,
  thumbprintList,
} from './oidc-provider-lookup';
import { resourceFacts } from './request-facts';

const tooManyClientIds = () =>
  new IamError('LimitExceeded', `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_OIDC_CLIENT_IDS}`);
const tooManyProviders = () =>
  new IamError('LimitExceeded', `Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${MAX_OIDC_PROVIDERS}`);

export const oidcProviderActions: ActionTable = {
  CreateOpenIDConnectProvider: action(
    z.object({
      Url: providerUrl,
      ClientIDList: clientIdList.optional(),
      ThumbprintList: thumbprintList.optional(),
      Tags: tagList.optional(),
    }),
    async (ctx, p) => {
      const withoutScheme = issuerWithoutScheme(p.Url, ctx.request.secure);
      const target = oidcProviderArn(ctx.accountId, withoutScheme);
      const tags = p.Tags ?? [];
      await ctx.authorize(target, { facts: { resourceTags: [], requestTags: tags } });
      if (tags.length > 0)
        await ctx.authorize(target, { action: 'iam:TagOpenIDConnectProvider', facts: { resourceTags: [], requestTags: tags } });
      assertProviderTagsFit([], tags, 'OpenIdConnectProvider');
      const thumbprints = p.ThumbprintList ?? [];
      checkThumbprints(thumbprints);
      const clientIds = [...new Set(p.ClientIDList ?? [])];
      if (clientIds.length > MAX_OIDC_CLIENT_IDS) throw tooManyClientIds();
      const alreadyExists = () => new IamError('EntityAlreadyExists', `Provider with url ${p.Url} already exists.`);
      if (await findOidcProvider(ctx.db, target)) throw alreadyExists();
      if ((await countOidcProviders(ctx.db, ctx.accountId)) >= MAX_OIDC_PROVIDERS) throw tooManyProviders();
      const created = insertOidcProviderStatements(
        ctx.db,
        { arn: target, accountId: ctx.accountId, url: p.Url, thumbprints, createdAt: ctx.now },
        clientIds,
        tags,
      );
      await ctx.commit(created.statements, target, alreadyExists, created.inserted);
      const stored = await findOidcProvider(ctx.db, target);
      // Not inserted: a concurrent create took the last place, or this URL, first.
      if (!stored) throw tooManyProviders();
      if (stored.createdAt.getTime() !== ctx.now.getTime()) throw alreadyExists();
      return { OpenIDConnectProviderArn: target, Tags: tagsElement(tags) };
    },
  ),

  GetOpenIDConnectProvider: action(z.object({ OpenIDConnectProviderArn: providerArnParam }), async (ctx, p) => {
    const provider = await requireOidcProvider(ctx, p.OpenIDConnectProviderArn);
    const facts = await resourceFacts(ctx, provider.arn);
    await ctx.authorize(provider.arn, { facts });
    return {
      Url: provider.url.slice(provider.url.indexOf('://') + 3),
      ClientIDList: provider.clientIds,
      ThumbprintList: provider.thumbprints,
      CreateDate: provider.createdAt,
      Tags: tagsElement(facts.resourceTags),
    };
  }),

  ListOpenIDConnectProviders: action(z.object({}), async (ctx) => {
    await ctx.authorize('*');
    const arns = await listOidcProviderArns(ctx.db, ctx.accountId);
    return { OpenIDConnectProviderList: arns.map((a): XmlStruct => ({ Arn: a })) };
  }),

  // AWS: "does not fail or return an error if you call the operation for a provider that does not exist".
  DeleteOpenIDConnectProvider: action(z.object({ OpenIDConnectProviderArn: providerArnParam }), async (ctx, p) => {
    const target = p.OpenIDConnectProviderArn;
    const provider = await findOidcProvider(ctx.db, target);
    const mine = provider?.accountId === ctx.accountId;
    await ctx.authorize(target, { facts: mine ? await resourceFacts(ctx, target) : { resourceTags: [] } });
    if (mine) await ctx.commit(deleteOidcProviderStatements(ctx.db, target), target);
    return undefined;
  }),

  AddClientIDToOpenIDConnectProvider: action(
    z.object({ OpenIDConnectProviderArn: providerArnParam, ClientID: clientId }),
    async (ctx, p) => {
      const provider = await requireOidcProvider(ctx, p.OpenIDConnectProviderArn);
      await ctx.authorize(provider.arn, { facts: await resourceFacts(ctx, provider.arn) });
      if (provider.clientIds.includes(p.ClientID)) return undefined;
      if (provider.clientIds.length >= MAX_OIDC_CLIENT_IDS) throw tooManyClientIds();
      const add = addOidcClientIdStatement(ctx.db, provider.arn, p.ClientID);
      await ctx.commit([add.statement], provider.arn, undefined, add.added);
      const after = await findOidcProvider(ctx.db, provider.arn);
      if (!after) throw noSuchOidcProvider(provider.arn);
      if (!after.clientIds.includes(p.ClientID)) throw tooManyClientIds();
      return undefined;
    },
  ),

  RemoveClientIDFromOpenIDConnectProvider: action(
    z.object({ OpenIDConnectProviderArn: providerArnParam, ClientID: clientId }),
    async (ctx, p) => {
      const provider = await requireOidcProvider(ctx, p.OpenIDConnectProviderArn);
      await ctx.authorize(provider.arn, { facts: await resourceFacts(ctx, provider.arn) });
      if (provider.clientIds.includes(p.ClientID))
        await ctx.commit([removeOidcClientIdStatement(ctx.db, provider.arn, p.ClientID)], provider.arn);
      return undefined;
    },
  ),

  UpdateOpenIDConnectProviderThumbprint: action(
    z.object({ OpenIDConnectProviderArn: providerArnParam, ThumbprintList: thumbprintList }),
    async (ctx, p) => {
      const provider = await requireOidcProvider(ctx, p.OpenIDConnectProviderArn);
      await ctx.authorize(provider.arn, { facts: await resourceFacts(ctx, provider.arn) });
      checkThumbprints(p.ThumbprintList);
      await ctx.commit([setOidcThumbprintsStatement(ctx.db, provider.arn, p.ThumbprintList)], provider.arn);
      return undefined;
    },
  ),

  TagOpenIDConnectProvider: action(z.object({ OpenIDConnectProviderArn: providerArnParam, Tags: tagList }), async (ctx, p) => {
    const provider = await requireOidcProvider(ctx, p.OpenIDConnectProviderArn);
    const facts = await resourceFacts(ctx, provider.arn);
    await ctx.authorize(provider.arn, { facts: { ...facts, requestTags: p.Tags } });
    assertProviderTagsFit(facts.resourceTags, p.Tags, 'OpenIdConnectProvider');
    await ctx.commit(putTagsStatements(ctx.db, provider.arn, p.Tags), provider.arn);
    return undefined;
  }),

  UntagOpenIDConnectProvider: action(z.object({ OpenIDConnectProviderArn: providerArnParam, TagKeys: tagKeyList }), async (ctx, p) => {
    const provider = await requireOidcProvider(ctx, p.OpenIDConnectProviderArn);
    const facts = await resourceFacts(ctx, provider.arn);
    await ctx.authorize(provider.arn, { facts: { ...facts, tagKeys: p.TagKeys } });
    await ctx.commit(removeTagsStatements(ctx.db, provider.arn, p.TagKeys), provider.arn);
    return undefined;
  }),

  ListOpenIDConnectProviderTags: action(
    z.object({ OpenIDConnectProviderArn: providerArnParam, Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      const provider = await requireOidcProvider(ctx, p.OpenIDConnectProviderArn);
      const tags = await listTags(ctx.db, provider.arn);
      await ctx.authorize(provider.arn, { facts: { resourceTags: tags } });
      return tagPage(tags, p.Marker, p.MaxItems);
    },
  ),
};
