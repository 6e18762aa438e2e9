// SigV4 request authentication for the AWS-compatible Query APIs (IAM, STS). Pure and async: the
// caller supplies the clock and the secret. The intended flow is
//   const parsed = parseSigV4(req)            // IncompleteSignature / MissingAuthenticationToken
//   checkRequestTime(parsed, now)             // optional early exit before touching D1
//   look up parsed.accessKeyId in D1          // InvalidClientTokenId is the caller's to throw
//   await verifySigV4(req, parsed, secret, now)  // SignatureDoesNotMatch
// so nothing secret is needed until the signature itself is checked.

import { IamError } from '../../errors';
import { canonicalRequest, stringToSign, type CredentialScope } from './canonical';
import { timingSafeEqual } from '../constant-time';
import { cachedSigningKey, sha256Hex, signatureWithKey } from './signing-key';
import { formatAmzDate, parseAmzDate, type ParsedAuth, type SignedRequest } from './parse';

export { parseSigV4, formatAmzDate, parseAmzDate, type ParsedAuth, type SignedRequest } from './parse';
export {
  ALGORITHM,
  EMPTY_SHA256,
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  headerMap,
  scopeString,
  splitUrl,
  stringToSign,
  uriEncode,
  type CanonicalRequestInput,
  type CredentialScope,
  type HeaderInput,
} from './canonical';
export { sha256Hex } from './signing-key';

/** How far the request time may be from our clock, either way (AWS's window). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const mismatch = (message: string) => new IamError('SignatureDoesNotMatch', message);

/**
 * Rejects a request whose timestamp is outside the 15-minute window (or, presigned, past its expiry)
 * and one whose credential scope is for another day. No secret needed, so it can run before the
 * access-key lookup. AWS answers both with SignatureDoesNotMatch and these messages.
 */
export function checkRequestTime(parsed: ParsedAuth, now: Date): void {
  const signedAt = parseAmzDate(parsed.amzDate);
  if (signedAt === undefined) {
    throw new IamError('IncompleteSignature', `Date must be in ISO-8601 'basic format'. Got '${parsed.amzDate}'.`);
  }
  const day = parsed.amzDate.slice(0, 8);
  if (parsed.scope.date !== day) {
    throw mismatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.scope.date}' != '${day}', from '${parsed.amzDate}'.`,
    );
  }
  const nowText = formatAmzDate(now);
  const at = signedAt.getTime();
  const earliest = now.getTime() - MAX_CLOCK_SKEW_MS;
  const latest = now.getTime() + MAX_CLOCK_SKEW_MS;
  if (at > latest) {
    throw mismatch(
      `Signature not yet current: ${parsed.amzDate} is still later than ${formatAmzDate(new Date(latest))} (${nowText} + 15 min.)`,
    );
  }
  if (parsed.kind === 'query') {
    const expiresAt = at + (parsed.expiresIn ?? 0) * 1000;
    if (now.getTime() > expiresAt) {
      throw new IamError(
        'RequestExpired',
        `Request has expired: signed at ${parsed.amzDate} for ${parsed.expiresIn ?? 0} seconds, now ${nowText}.`,
      );
    }
    return;
  }
  if (at < earliest) {
    throw mismatch(`Signature expired: ${parsed.amzDate} is now earlier than ${formatAmzDate(new Date(earliest))} (${nowText} - 15 min.)`);
  }
}

/**
 * Throws unless the credential scope names the expected service (e.g. 'iam', 'sts'): a signature
 * made for one service must not authenticate a call to another.
 */
export function checkCredentialScope(parsed: ParsedAuth, service: string): void {
  if (parsed.scope.service !== service) {
    throw mismatch(`Credential should be scoped to correct service: '${service}'. `);
  }
}

export interface SignatureComputation {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/**
 * Computes the signature the request should carry under `secretAccessKey`. The payload hash is
 * always SHA-256 of the body actually received: IAM and STS have no unsigned-payload mode, and a
 * client-supplied x-amz-content-sha256 is trusted only by being a signed header that must then agree.
 */
export async function computeSignature(
  req: SignedRequest,
  auth: Pick<ParsedAuth, 'signedHeaders' | 'amzDate'> & { scope: CredentialScope },
  secretAccessKey: string,
): Promise<SignatureComputation> {
  const creq = canonicalRequest({
    method: req.method,
    url: req.url,
    headers: req.headers,
    signedHeaders: auth.signedHeaders,
    payloadHash: req.payloadHash ?? (await sha256Hex(req.body)),
  });
  const sts = stringToSign(auth.amzDate, auth.scope, await sha256Hex(creq));
  const key = await cachedSigningKey(secretAccessKey, auth.scope.date, auth.scope.region, auth.scope.service);
  return { canonicalRequest: creq, stringToSign: sts, signature: await signatureWithKey(key, sts) };
}

/** Verifies a parsed SigV4 request; resolves when authentic, throws IamError otherwise. */
export async function verifySigV4(req: SignedRequest, parsed: ParsedAuth, secretAccessKey: string, now: Date): Promise<void> {
  checkRequestTime(parsed, now);
  const { signature } = await computeSignature(req, parsed, secretAccessKey);
  // Constant time: `===` stops at the first differing character, so response timing would tell an
  // attacker how much of a guessed signature is right and let them forge one hex digit at a time.
  // A length mismatch may return early; the length of a SigV4 signature (64 hex) is public anyway.
  if (!timingSafeEqual(signature, parsed.signature)) throw mismatch(SIGNATURE_MISMATCH_MESSAGE);
}
