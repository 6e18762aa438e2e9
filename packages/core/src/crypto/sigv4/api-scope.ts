// What the IAM and STS endpoints accept of a signature beyond its validity: the region it was signed
// for and, for presigned URLs, how long it may live. IAM is a global service whose endpoint is signed
// for us-east-1; STS also answers on regional endpoints. A URL that can change IAM is a credential in
// a link, so presigned requests live at most 15 minutes here (AWS's own window for signed requests).
import { IamError } from '../../errors';
import type { ParsedAuth } from './parse';

const STS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'mx-central-1',
  'sa-east-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'af-south-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
];

/** The regions whose signatures each API accepts. */
export const API_REGIONS: Readonly<Record<'iam' | 'sts', readonly string[]>> = { iam: ['us-east-1'], sts: STS_REGIONS };

/** The longest a presigned IAM or STS request may stay valid. */
export const MAX_API_PRESIGN_SECONDS = 900;

/** Throws AWS's error unless the scope's region serves its API and a presigned URL is short-lived. */
export function checkApiScope(parsed: ParsedAuth): void {
  const service = parsed.scope.service;
  const regions = service === 'iam' || service === 'sts' ? API_REGIONS[service] : undefined;
  if (regions && !regions.includes(parsed.scope.region)) {
    throw new IamError(
      'SignatureDoesNotMatch',
      `Credential should be scoped to a valid region. '${parsed.scope.region.slice(0, 32)}' is not a region ${service} serves${service === 'iam' ? ' (sign IAM requests for us-east-1)' : ''}.`,
    );
  }
  if (parsed.kind === 'query' && (parsed.expiresIn ?? 0) > MAX_API_PRESIGN_SECONDS) {
    throw new IamError(
      'AuthorizationQueryParametersError',
      `X-Amz-Expires must be at most ${MAX_API_PRESIGN_SECONDS} seconds for IAM and STS requests, got ${parsed.expiresIn}.`,
    );
  }
}
