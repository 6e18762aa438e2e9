// Tags on server certificates: TagServerCertificate, UntagServerCertificate, ListServerCertificateTags,
// and the quota check UploadServerCertificate shares (at most 50 keys, no key twice in one request).
import { z } from 'zod';
import type { XmlStruct } from '@edge-iam/core/aws';
import { assertTagsFit, putTagsStatements, removeTagsStatements, type Tag } from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { list, marker, maxItems, name128, tagKeyList, tagList } from '../params';
import { resourceFacts } from './request-facts';
import { requireServerCertificate, serverCertificateArn, serverCertificateName } from './server-certificate-lookup';

export const checkServerCertificateTags = (existing: readonly Tag[], add: readonly Tag[]) =>
  assertTagsFit(existing, add, 'ServerCertificate');

export const serverCertificateTagActions: ActionTable = {
  TagServerCertificate: action(z.object({ ServerCertificateName: serverCertificateName, Tags: tagList }), async (ctx, p) => {
    const cert = await requireServerCertificate(ctx, p.ServerCertificateName);
    const facts = await resourceFacts(ctx, cert.id);
    await ctx.authorize(serverCertificateArn(cert), { facts: { ...facts, requestTags: p.Tags } });
    checkServerCertificateTags(facts.resourceTags, p.Tags);
    await ctx.commit(putTagsStatements(ctx.db, cert.id, p.Tags), serverCertificateArn(cert));
    return undefined;
  }),

  UntagServerCertificate: action(z.object({ ServerCertificateName: serverCertificateName, TagKeys: tagKeyList }), async (ctx, p) => {
    const cert = await requireServerCertificate(ctx, p.ServerCertificateName);
    const facts = await resourceFacts(ctx, cert.id);
    await ctx.authorize(serverCertificateArn(cert), { facts: { ...facts, tagKeys: p.TagKeys } });
    await ctx.commit(removeTagsStatements(ctx.db, cert.id, p.TagKeys), serverCertificateArn(cert));
    return undefined;
  }),

  ListServerCertificateTags: action(
    z.object({ ServerCertificateName: serverCertificateName, Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      const cert = await requireServerCertificate(ctx, p.ServerCertificateName);
      const facts = await resourceFacts(ctx, cert.id);
      await ctx.authorize(serverCertificateArn(cert), { facts });
      const after = decodeMarker(p.Marker);
      const rest = after === undefined ? facts.resourceTags : facts.resourceTags.filter((t) => t.Key.toLowerCase() > after);
      const pg = page(rest, p.MaxItems ?? DEFAULT_MAX_ITEMS, (t) => t.Key.toLowerCase());
      return { Tags: pg.items.map((t): XmlStruct => ({ Key: t.Key, Value: t.Value })), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
    },
  ),
};
