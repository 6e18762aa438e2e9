// What the SAML provider actions share: the provider name and metadata parameters as IAM defines
// them, reading a metadata document with the SAML library (entity id, signing certificates,
// validUntil; anything it refuses is InvalidInput), the refusal of encrypted assertions (this service
// verifies signed, unencrypted assertions only), and finding a provider with AWS's NoSuchEntity wording.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
// The SAML library is its own subpath: only the identity worker bundles it (xmldsigjs and pkijs are ~180 KB gzip).
import { parseSamlMetadata } from '@edge-iam/core/federation';
import { findSamlProvider, type SamlMetadataFacts, type SamlProvider } from '@edge-iam/core/repo';
import type { ActionContext } from '../context';
import { awsString } from '../params';

export const providerName = awsString(1, 128, /^[\w._-]+$/, '[\\w._-]+');
export const metadataDocument = awsString(1000, 10_000_000);
export const encryptionMode = z.enum(['Required', 'Allowed'], { error: () => 'Member must satisfy enum value set: [Required, Allowed]' });
export const privateKey = awsString(1, 16384, /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+');
export const privateKeyId = awsString(22, 64, /^[A-Z0-9]+$/, '[A-Z0-9]+');

export const noSuchSamlProvider = (arn: string) => new IamError('NoSuchEntity', `SAML provider not found for arn ${arn}`);

/** AssertionEncryptionMode=Required and private keys ask for encrypted assertions, which this service does not decrypt. */
export function refuseEncryption(p: { AssertionEncryptionMode?: string; AddPrivateKey?: string; RemovePrivateKey?: string }): void {
  if (p.AssertionEncryptionMode === 'Required' || p.AddPrivateKey !== undefined || p.RemovePrivateKey !== undefined) {
    throw new IamError(
      'InvalidInput',
      'Encrypted SAML assertions are not supported by this service: AssertionEncryptionMode can only be Allowed, and no private key can be added or removed. Have the IdP sign its assertions without encrypting them.',
    );
  }
}

/** What the metadata document says, or InvalidInput in the library's words. */
export function readMetadata(document: string, now: Date): SamlMetadataFacts {
  const parsed = parseSamlMetadata(document, now);
  if (!parsed.ok) throw new IamError('InvalidInput', parsed.message);
  return { metadataDocument: document, ...parsed.value };
}

/** The provider the ARN names in the caller's account; NoSuchEntity (after authorization) when none. */
export async function requireSamlProvider(ctx: ActionContext, arn: string): Promise<SamlProvider> {
  const found = await findSamlProvider(ctx.db, arn);
  if (!found || found.accountId !== ctx.accountId) return ctx.missing(arn, noSuchSamlProvider(arn));
  return found;
}
