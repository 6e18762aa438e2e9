// What the server-certificate pages share: the IAM API's shapes they read, their addresses and AWS's
// naming rule for certificates. Paths and the refused-form shape are the instance-profile pages' own
// (the same IAM rules), imported from there.
import type { ConsoleContext } from '../../env';
import { encode } from '../../render';
import type { Tag } from '../instance-profiles/resource-tags';

export { apiProblem, fieldProblem, hasErrors, pathProblem, type Problem } from '../instance-profiles/shared';

export interface ServerCertificateMetadata {
  ServerCertificateName: string;
  ServerCertificateId: string;
  Arn: string;
  Path: string;
  UploadDate: string;
  Expiration?: string;
}

export interface ServerCertificate {
  ServerCertificateMetadata: ServerCertificateMetadata;
  CertificateBody: string;
  CertificateChain?: string;
  Tags?: Tag[];
}

export const LIST = '/console/server-certificates';
export const certificatePath = (name: string, rest = '') => `${LIST}/${encode(name)}${rest}`;

/** AWS's serverCertificateNameType: 1-128 of [\w+=,.@-]. */
export function certificateNameProblem(name: string): string | undefined {
  if (!name) return 'Enter a server certificate name';
  if (name.length > 128) return 'The server certificate name must be 128 characters or fewer';
  if (!/^[\w+=,.@-]+$/.test(name)) return 'The server certificate name may contain only letters, digits and + = , . @ _ -';
  return undefined;
}

export const isExpired = (expiration: string | undefined, now = Date.now()) => !!expiration && Date.parse(expiration) <= now;

export const getCertificate = async (c: ConsoleContext, name: string) =>
  (await c.var.iam.call<{ ServerCertificate: ServerCertificate }>('GetServerCertificate', { ServerCertificateName: name }))
    .ServerCertificate;
