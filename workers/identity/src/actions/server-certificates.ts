// Server certificates of the account (TLS certificates for load balancers and CloudFront):
// UploadServerCertificate, GetServerCertificate, ListServerCertificates, UpdateServerCertificate,
// DeleteServerCertificate. The certificate, chain and private key are checked on upload (crypto/x509:
// the chain in order, the key proven to match by a signature); the private key is sealed under the
// master key and never returned. At most 20 per account. Tags are in server-certificate-tags.ts.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import type { XmlStruct } from '@edge-iam/core/aws';
import { checkChain, checkPrivateKey, parseCertificate, seal } from '@edge-iam/core/crypto';
import { newId } from '@edge-iam/core/ids';
import {
  countServerCertificates,
  deleteAllTagsStatement,
  deleteServerCertificateStatements,
  findServerCertificate,
  insertServerCertificateStatement,
  listServerCertificates,
  MAX_SERVER_CERTIFICATES,
  putTagsStatements,
  serverCertificateKeyContext,
  updateServerCertificateStatement,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { awsString, marker, maxItems, path, pathPrefix, tagList } from '../params';
import { resourceFacts } from './request-facts';
import { checkServerCertificateTags } from './server-certificate-tags';
import {
  requireServerCertificate,
  serverCertificateArn,
  serverCertificateMetadata,
  serverCertificateName,
} from './server-certificate-lookup';
import { certificateBody } from './signing-certificates';

const LATIN1 = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;
const LATIN1_SHOWN = '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';
const privateKey = awsString(1, 16384, LATIN1, LATIN1_SHOWN);
const certificateChain = awsString(1, 2097152, LATIN1, LATIN1_SHOWN);

const alreadyExists = (name: string) => () =>
  new IamError('EntityAlreadyExists', `The Server Certificate with name ${name} already exists.`);

export const serverCertificatesActions: ActionTable = {
  UploadServerCertificate: action(
    z.object({
      Path: path.optional(),
      ServerCertificateName: serverCertificateName,
      CertificateBody: certificateBody,
      PrivateKey: privateKey,
      CertificateChain: certificateChain.optional(),
      Tags: tagList.optional(),
    }),
    async (ctx, p) => {
      const certPath = p.Path ?? '/';
      const target = iamArn(ctx.accountId, 'server-certificate', p.ServerCertificateName, certPath);
      const tags = p.Tags ?? [];
      const facts = { resourceTags: [], requestTags: tags };
      await ctx.authorize(target, { facts });
      if (tags.length > 0) await ctx.authorize(target, { action: 'iam:TagServerCertificate', facts });
      checkServerCertificateTags([], tags);
      const full = () => new IamError('LimitExceeded', `Cannot exceed quota for ServerCertificatesPerAccount: ${MAX_SERVER_CERTIFICATES}`);
      if ((await countServerCertificates(ctx.db, ctx.accountId)) >= MAX_SERVER_CERTIFICATES) throw full();
      const leaf = await parseCertificate(p.CertificateBody, ctx.now);
      if (p.CertificateChain !== undefined) await checkChain(leaf, p.CertificateChain, ctx.now);
      await checkPrivateKey(leaf, p.PrivateKey);
      const id = newId('serverCertificate');
      const row = {
        id,
        accountId: ctx.accountId,
        name: p.ServerCertificateName,
        path: certPath,
        body: p.CertificateBody.trim(),
        chain: p.CertificateChain?.trim() ?? null,
        // INVARIANT: the private key is stored only sealed, bound to this certificate's id, and never returned.
        privateKeyCiphertext: await seal(ctx.keys.masterKey, p.PrivateKey, serverCertificateKeyContext(id)),
        expiresAt: leaf.notAfter,
        uploadedAt: ctx.now,
      };
      const insert = insertServerCertificateStatement(ctx.db, row);
      await ctx.commit(
        [insert.insert, ...putTagsStatements(ctx.db, id, tags)],
        target,
        alreadyExists(p.ServerCertificateName),
        insert.inserted,
      );
      const stored = await findServerCertificate(ctx.db, ctx.accountId, p.ServerCertificateName);
      if (stored?.id !== id) {
        // Not inserted and no clash on the name: a concurrent upload took the last place. The tags
        // were written under the fresh id regardless; remove them so nothing is left behind.
        await ctx.db.batch([deleteAllTagsStatement(ctx.db, id)]);
        throw full();
      }
      return {
        ServerCertificateMetadata: serverCertificateMetadata(row),
        Tags: tags.length > 0 ? tags.map((t): XmlStruct => ({ Key: t.Key, Value: t.Value })) : undefined,
      };
    },
  ),

  GetServerCertificate: action(z.object({ ServerCertificateName: serverCertificateName }), async (ctx, p) => {
    const cert = await requireServerCertificate(ctx, p.ServerCertificateName);
    const facts = await resourceFacts(ctx, cert.id);
    await ctx.authorize(serverCertificateArn(cert), { facts });
    return {
      ServerCertificate: {
        ServerCertificateMetadata: serverCertificateMetadata(cert),
        CertificateBody: cert.body,
        CertificateChain: cert.chain ?? undefined,
        Tags: facts.resourceTags.length > 0 ? facts.resourceTags.map((t): XmlStruct => ({ Key: t.Key, Value: t.Value })) : undefined,
      },
    };
  }),

  ListServerCertificates: action(
    z.object({ PathPrefix: pathPrefix.optional(), Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      // An account-wide listing: AWS authorizes it on resource "*".
      await ctx.authorize('*');
      const limit = p.MaxItems ?? DEFAULT_MAX_ITEMS;
      const rows = await listServerCertificates(ctx.db, ctx.accountId, { pathPrefix: p.PathPrefix, after: decodeMarker(p.Marker), limit });
      const pg = page(rows, limit, (c) => c.name.toLowerCase());
      return { ServerCertificateMetadataList: pg.items.map(serverCertificateMetadata), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
    },
  ),

  UpdateServerCertificate: action(
    z.object({
      ServerCertificateName: serverCertificateName,
      NewPath: path.optional(),
      NewServerCertificateName: serverCertificateName.optional(),
    }),
    async (ctx, p) => {
      const cert = await requireServerCertificate(ctx, p.ServerCertificateName);
      const facts = await resourceFacts(ctx, cert.id);
      await ctx.authorize(serverCertificateArn(cert), { facts });
      const next = { name: p.NewServerCertificateName ?? cert.name, path: p.NewPath ?? cert.path };
      // As for users and groups, AWS authorizes a rename on the new name too.
      if (next.name !== cert.name || next.path !== cert.path) {
        await ctx.authorize(serverCertificateArn({ ...cert, ...next }), { facts });
      }
      await ctx.commit([updateServerCertificateStatement(ctx.db, cert.id, next)], serverCertificateArn(cert), alreadyExists(next.name));
      return undefined;
    },
  ),

  DeleteServerCertificate: action(z.object({ ServerCertificateName: serverCertificateName }), async (ctx, p) => {
    const cert = await requireServerCertificate(ctx, p.ServerCertificateName);
    await ctx.authorize(serverCertificateArn(cert), { facts: await resourceFacts(ctx, cert.id) });
    await ctx.commit(deleteServerCertificateStatements(ctx.db, cert.id), serverCertificateArn(cert));
    return undefined;
  }),
};
