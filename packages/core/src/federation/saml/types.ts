// The SAML library's public shapes (shared with the identity worker's SAML provider and AssumeRoleWithSAML
// actions, issue #16) and the one result type every function returns. Bad input is a value, never a throw:
// the caller maps `code` to the STS / IAM error of the same name and `message` to its text.

export interface SamlMetadata {
  entityId: string;
  /** base64 DER of every signing certificate (KeyDescriptor use="signing" or no use) of the IdPSSODescriptor */
  certificates: string[];
  /** validUntil of the EntityDescriptor, if any */
  validUntil: Date | null;
}

export type SamlErrorCode = 'InvalidIdentityToken' | 'ExpiredTokenException' | 'MalformedPolicyDocument' | 'InvalidInput';

export type SamlResult<T> = { ok: true; value: T } | { ok: false; code: SamlErrorCode; message: string };

export interface VerifiedSamlAssertion {
  /** the assertion's Issuer (must equal the provider's entity id; the caller checks it) */
  issuer: string;
  assertionId: string;
  nameId: string;
  nameIdFormat: string | null;
  audiences: string[];
  recipient: string | null;
  notBefore: Date | null;
  /** the earlier of Conditions/@NotOnOrAfter and SubjectConfirmationData/@NotOnOrAfter (what a replay record must outlive) */
  notOnOrAfter: Date;
  authnInstant: Date | null;
  /** every Attribute by Name, values as text */
  attributes: Record<string, string[]>;
}

/**
 * What verifySamlResponse checks the message against. `audience` and `recipient` take one value or a list
 * (any one must match): the service accepts AWS's `https://signin.aws.amazon.com/saml` and its own
 * `<origin>/saml`, and a list is a superset of the single string the shared interface names.
 */
export interface VerifySamlOptions {
  /** base64 DER, as SamlMetadata.certificates */
  certificates: string[];
  now: Date;
  audience: string | readonly string[];
  recipient: string | readonly string[];
  /** tolerance for the IdP's clock on every time check; default 300 s */
  clockSkewSeconds?: number;
}

export const ok = <T>(value: T): SamlResult<T> => ({ ok: true, value });

/** A refusal; generic over T so it can be returned from any SamlResult function. */
export const refuse = <T = never>(code: SamlErrorCode, message: string): SamlResult<T> => ({ ok: false, code, message });

/** Thrown inside the pipeline only, caught at its edge by `settle` (never escapes the library). */
export class SamlRefusal extends Error {
  constructor(
    readonly code: SamlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs one pipeline and turns its outcome into a SamlResult. A SamlRefusal becomes its refusal; anything
 * else thrown (a library tripping over input nobody foresaw) becomes `fallback`, so bad input can never
 * surface as an exception, let alone as a success.
 */
export async function settle<T>(run: () => Promise<T>, fallback: SamlRefusal): Promise<SamlResult<T>> {
  try {
    return ok(await run());
  } catch (e) {
    const r = e instanceof SamlRefusal ? e : fallback;
    return refuse(r.code, r.message);
  }
}

/** `settle` for synchronous pipelines. */
export function settleSync<T>(run: () => T, fallback: SamlRefusal): SamlResult<T> {
  try {
    return ok(run());
  } catch (e) {
    const r = e instanceof SamlRefusal ? e : fallback;
    return refuse(r.code, r.message);
  }
}
