// What a role session obtained through an identity provider (AssumeRoleWithWebIdentity,
// AssumeRoleWithSAML) carries into every later decision, stored with its temporary credentials as
// JSON and read back through a shape check: `aws:FederatedProvider`, the provider's condition keys
// that AWS keeps beyond the trust policy (`<provider>:sub`, `<provider>:aud`, `<provider>:amr`,
// `saml:sub`, `saml:sub_type`, `saml:namequalifier`), the session tags and the source identity the
// token or assertion set.
//
// INVARIANT: a stored value that does not have this shape is no session at all (the credentials are
// refused), never a session without its federated context: a Deny on `aws:FederatedProvider` must
// not be escaped by corrupting the row.
import { z } from 'zod';

export interface FederatedSession {
  /** aws:FederatedProvider: the IAM provider's ARN, or a built-in provider's name (`cognito-identity.amazonaws.com`) */
  readonly provider: string;
  /** the provider's keys AWS carries into the session's requests, with their values */
  readonly keys: Readonly<Record<string, string | readonly string[]>>;
  /** session tags from the token or assertion: principal tags that override the role's own */
  readonly tags: readonly { readonly Key: string; readonly Value: string }[];
  /** which of the session tags are transitive (kept when the session assumes another role) */
  readonly transitiveTagKeys: readonly string[];
  /** aws:SourceIdentity, when the token or assertion set one */
  readonly sourceIdentity: string | null;
}

const shape = z.object({
  provider: z.string().min(1),
  keys: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  tags: z.array(z.object({ Key: z.string(), Value: z.string() })),
  transitiveTagKeys: z.array(z.string()),
  sourceIdentity: z.string().nullable(),
});

export const serializeFederatedSession = (s: FederatedSession): string => JSON.stringify(s);

/** The stored context, or null when it is not one (the caller refuses the credentials then). */
export function parseFederatedSession(stored: string): FederatedSession | null {
  try {
    const parsed = shape.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
