// What the server-certificate actions share: the name parameter, finding a certificate by name
// (case-insensitive) with AWS's NoSuchEntity wording, its ARN, and the metadata shape AWS returns.
import { IamError } from '@edge-iam/core';
import { iamArn } from '@edge-iam/core/arn';
import type { XmlStruct } from '@edge-iam/core/aws';
import { findServerCertificate, type ServerCertificateRow } from '@edge-iam/core/repo';
import type { ActionContext } from '../context';
import { name128 } from '../params';

export const serverCertificateName = name128;

/** arn:aws:iam::<account>:server-certificate/<path><name> */
export const serverCertificateArn = (c: Pick<ServerCertificateRow, 'accountId' | 'name' | 'path'>) =>
  iamArn(c.accountId, 'server-certificate', c.name, c.path);

export const noSuchServerCertificate = (name: string) =>
  new IamError('NoSuchEntity', `The Server Certificate with name ${name} cannot be found.`);

export async function requireServerCertificate(ctx: ActionContext, name: string): Promise<ServerCertificateRow> {
  const found = await findServerCertificate(ctx.db, ctx.accountId, name);
  if (!found) return ctx.missing(iamArn(ctx.accountId, 'server-certificate', name), noSuchServerCertificate(name));
  return found;
}

export function serverCertificateMetadata(c: ServerCertificateRow): XmlStruct {
  return {
    Path: c.path,
    ServerCertificateName: c.name,
    ServerCertificateId: c.id,
    Arn: serverCertificateArn(c),
    UploadDate: c.uploadedAt,
    Expiration: c.expiresAt,
  };
}
