// X.509 signing certificates: UploadSigningCertificate, ListSigningCertificates, UpdateSigningCertificate,
// DeleteSigningCertificate. The certificate is parsed and checked with @peculiar/x509 (crypto/x509); its
// status starts Active. At most 2 per user; without UserName an action applies to the caller's own
// certificates, the root user's included, as in AWS. One certificate is held once in an account.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { parseCertificate } from '@edge-iam/core/crypto';
import {
  deleteSigningCertificateStatement,
  findSigningCertificate,
  listSigningCertificates,
  MAX_SIGNING_CERTIFICATES_PER_USER,
  newSigningCertificate,
  setSigningCertificateStatusStatement,
  type SigningCertificateRow,
} from '@edge-iam/core/repo';
import { action, type ActionTable } from '../action';
import type { ActionContext } from '../context';
import { DEFAULT_MAX_ITEMS, decodeMarker, page } from '../pagination';
import { awsString, marker, maxItems, name128, status } from '../params';
import { credentialOwner, type CredentialOwner } from './credential-owner';

export const certificateBody = awsString(1, 16384, /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+');
const certificateId = awsString(24, 128, /^[\w]+$/, '[\\w]+');

const noSuchCertificate = (id: string) => new IamError('NoSuchEntity', `The Certificate with id ${id} cannot be found.`);

async function certificateOwner(ctx: ActionContext, userName: string | undefined): Promise<CredentialOwner> {
  // existingUserNameType: up to 128 characters; a longer name than any user can have is simply not found.
  const owner = await credentialOwner(ctx, userName);
  await ctx.authorize(owner.arn, { facts: owner.facts });
  return owner;
}

async function requireCertificate(ctx: ActionContext, owner: CredentialOwner, id: string): Promise<SigningCertificateRow> {
  const cert = await findSigningCertificate(ctx.db, ctx.accountId, owner.userId, id);
  if (!cert) throw noSuchCertificate(id);
  return cert;
}

const shape = (owner: CredentialOwner, ctx: ActionContext, c: Pick<SigningCertificateRow, 'id' | 'body' | 'status' | 'uploadedAt'>) => ({
  // The root user has no user name; AWS shows the account id there.
  UserName: owner.userName ?? ctx.accountId,
  CertificateId: c.id,
  CertificateBody: c.body,
  Status: c.status,
  UploadDate: c.uploadedAt,
});

export const signingCertificatesActions: ActionTable = {
  UploadSigningCertificate: action(z.object({ UserName: name128.optional(), CertificateBody: certificateBody }), async (ctx, p) => {
    const owner = await certificateOwner(ctx, p.UserName);
    const parsed = await parseCertificate(p.CertificateBody, ctx.now);
    const body = p.CertificateBody.trim();
    const row = newSigningCertificate(ctx.db, {
      accountId: ctx.accountId,
      userId: owner.userId,
      body,
      thumbprint: parsed.thumbprint,
      now: ctx.now,
    });
    const duplicate = () =>
      new IamError(
        'DuplicateCertificate',
        'The request was rejected because the same certificate is associated with an IAM user in the account.',
      );
    await ctx.commit([row.insert], owner.arn, duplicate, row.inserted);
    if (!(await findSigningCertificate(ctx.db, ctx.accountId, owner.userId, row.id))) {
      throw new IamError('LimitExceeded', `Cannot exceed quota for SigningCertificatesPerUser: ${MAX_SIGNING_CERTIFICATES_PER_USER}`);
    }
    return { Certificate: shape(owner, ctx, { id: row.id, body, status: 'Active', uploadedAt: ctx.now }) };
  }),

  ListSigningCertificates: action(
    z.object({ UserName: name128.optional(), Marker: marker.optional(), MaxItems: maxItems.optional() }),
    async (ctx, p) => {
      const owner = await certificateOwner(ctx, p.UserName);
      const after = decodeMarker(p.Marker);
      // Oldest first, as AWS lists them; the marker names the last certificate of the previous page.
      const all = await listSigningCertificates(ctx.db, ctx.accountId, owner.userId);
      const rows = after === undefined ? all : all.slice(all.findIndex((c) => c.id === after) + 1);
      const pg = page(rows, p.MaxItems ?? DEFAULT_MAX_ITEMS, (c) => c.id);
      return { Certificates: pg.items.map((c) => shape(owner, ctx, c)), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
    },
  ),

  UpdateSigningCertificate: action(
    z.object({ UserName: name128.optional(), CertificateId: certificateId, Status: status }),
    async (ctx, p) => {
      const owner = await certificateOwner(ctx, p.UserName);
      const cert = await requireCertificate(ctx, owner, p.CertificateId);
      await ctx.commit([setSigningCertificateStatusStatement(ctx.db, cert.id, p.Status)], owner.arn);
      return undefined;
    },
  ),

  DeleteSigningCertificate: action(z.object({ UserName: name128.optional(), CertificateId: certificateId }), async (ctx, p) => {
    const owner = await certificateOwner(ctx, p.UserName);
    const cert = await requireCertificate(ctx, owner, p.CertificateId);
    await ctx.commit([deleteSigningCertificateStatement(ctx.db, cert.id)], owner.arn);
    return undefined;
  }),
};
