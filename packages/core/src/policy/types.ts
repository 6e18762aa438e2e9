// The vocabulary of the policy engine: documents as parsed, requests as the caller states them, and
// decisions as values. Everything here is plain data so it can cross worker boundaries as JSON.

/** Where a policy document is attached; decides which elements are required or forbidden. */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'session';

/** The policy type named in decisions; the same words as PolicyKind. */
export type PolicyType = PolicyKind;

export type Effect = 'Allow' | 'Deny';

/** `2008-10-17` (also what a missing Version means) treats policy variables as literal text. */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** JSON path of the offending element, e.g. `Statement[1].Condition.StringEquals` */
  readonly path: string;
  /** stable machine-readable code, e.g. `unknown-operator` */
  readonly code: string;
  readonly message: string;
  /** IAM's own message for this error, when known, e.g. `Resource x must be in ARN format or "*".` */
  readonly awsMessage?: string;
}

/** `'*'` or a map from principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`) to values. */
export type PrincipalSpec = '*' | Readonly<Record<string, readonly string[]>>;

/** Condition block: operator -> condition key -> values (always strings after normalisation). */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** A statement normalised from JSON: single values become arrays, scalars in conditions become strings. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: Effect;
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly condition?: ConditionBlock;
}

export interface PolicyDocument {
  /** the Version as written; undefined when missing (2008-10-17 semantics) */
  readonly version?: PolicyVersion;
  readonly id?: string;
  readonly statements: readonly PolicyStatement[];
}

/** A context value as the caller passes it; `null` and `undefined` mean the key is absent. */
export type ContextValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

export type PrincipalType = 'Root' | 'User' | 'AssumedRole' | 'FederatedUser' | 'Service' | 'Federated' | 'CanonicalUser' | 'Anonymous';

export interface RequestPrincipal {
  /** the principal's ARN; for `Service` the service name, for `Federated` the provider, for `CanonicalUser` the id */
  readonly arn: string;
  /** 12-digit account id; taken from the ARN when omitted */
  readonly account?: string;
  /** inferred from the ARN when omitted */
  readonly type?: PrincipalType;
  /**
   * The unique id of the IAM user, or of the role a session belongs to (`AIDA...`, `AROA...`). IAM
   * stores the principal ARNs of a saved policy as these ids, so a stored id matches this caller only,
   * never a later principal of the same name.
   */
  readonly id?: string;
}

export interface AuthorizationRequest {
  readonly principal: RequestPrincipal;
  readonly action: string;
  readonly resource: string;
  /** account that owns the resource; taken from the resource ARN, or the principal's account when the ARN has none */
  readonly resourceAccount?: string;
  /** condition keys (case-insensitive) and their values; the engine never reads the clock, pass `aws:CurrentTime` */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

export type DecisionValue = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface MatchedStatement {
  readonly policyId: string;
  readonly policyType: PolicyType;
  readonly sid?: string;
  readonly statementIndex: number;
  readonly effect: Effect;
}

export interface PolicyError {
  readonly policyId: string;
  readonly policyType: PolicyType;
  readonly statementIndex?: number;
  readonly message: string;
}

export interface Decision {
  readonly decision: DecisionValue;
  /** statements that decided: the denies for ExplicitDeny, the allows used for Allow, partial allows for ImplicitDeny */
  readonly matched: readonly MatchedStatement[];
  /** the policy type that caused a deny */
  readonly blockedBy?: PolicyType;
  readonly errors: readonly PolicyError[];
  /** condition keys referenced by applicable statements that the request context did not carry */
  readonly missingContextKeys: readonly string[];
}
