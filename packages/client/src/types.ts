// The /authorize wire format, as an app sees it.

export type ContextValue = string | number | boolean | (string | number | boolean)[];

/** A request an app received signed with an IAM access key, forwarded for verification. */
export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Hex SHA-256 of the request body. */
  payloadHash: string;
}

export interface AuthorizeRequest {
  action: string;
  resource: string;
  /** Service-specific condition keys (`myapp:Team`); `aws:*` keys are set by the service. */
  context?: Record<string, ContextValue>;
  resourcePolicy?: string | Record<string, unknown>;
  /** The end client's address (aws:SourceIp). */
  sourceIp?: string;
  /** Bypass the service's policy cache (slower; for right-after-a-change reads). */
  fresh?: boolean;
  /**
   * This app's OAuth client id, when the token is an OAuth access token from edge-iam's OpenID Connect
   * provider: the service accepts an access token only for the app it was issued to (its `aud`), so
   * the app names itself. Leave it out for sign-in tokens for apps.
   */
  clientId?: string;
}

export type Principal = { token: string } | { signedRequest: SignedRequest } | { arn: string };

export interface MatchedStatement {
  policyId: string;
  policyType: 'identity' | 'boundary' | 'session' | 'resource' | 'trust';
  sid: string | null;
  statementIndex: number;
  effect: 'Allow' | 'Deny';
}

export interface Decision {
  decision: 'Allow' | 'Deny';
  reason: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  matchedStatements: MatchedStatement[];
  blockedBy?: MatchedStatement['policyType'];
  missingContextKeys: string[];
  errors: { policyId: string; policyType: string; message: string }[];
  principal: { arn: string; account: string; via: 'token' | 'signed-request' | 'arn' };
}

export interface ErrorBody {
  error: { code: string; message: string; requestId?: string };
}
