// AWS's size and character limits for policy documents. Sizes count characters that are not
// whitespace, as IAM does; inline limits are totals over all inline policies of one identity, so the
// caller adds them up with policySize before storing.

export const POLICY_LIMITS = {
  /** customer managed policy (and a permissions boundary, which is a managed policy) */
  managed: 6_144,
  /** all inline policies of one user together */
  inlineUser: 2_048,
  /** all inline policies of one group together */
  inlineGroup: 5_120,
  /** all inline policies of one role together */
  inlineRole: 10_240,
  /** a role's trust policy */
  trust: 2_048,
  /** inline session policy passed to AssumeRole and friends (packed size) */
  session: 2_048,
  /** resource-based policies (S3 bucket policies allow 20 KB) */
  resource: 20_480,
} as const;

/** Number of non-whitespace characters: the size IAM checks against its limits. */
export function policySize(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // JSON whitespace plus the other ASCII and Unicode spaces IAM ignores.
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0) continue;
    n++;
  }
  return n;
}

/** First character outside AWS's documented pattern `[\u0009\u000A\u000D\u0020-\u00FF]`, or -1. */
export function firstDisallowedCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xff)) continue;
    return i;
  }
  return -1;
}
