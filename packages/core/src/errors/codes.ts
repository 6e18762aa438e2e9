// The one error vocabulary of the service. Codes are AWS's where AWS has one, so the AWS CLI and SDKs
// map them to their own exception classes; each protocol (AWS Query XML, JSON, HTML) renders an
// IamError in exactly one place.

export const ERROR_STATUS = {
  // IAM / STS request errors
  NoSuchEntity: 404,
  EntityAlreadyExists: 409,
  DeleteConflict: 409,
  LimitExceeded: 409,
  MalformedPolicyDocument: 400,
  InvalidInput: 400,
  ValidationError: 400,
  InvalidAction: 400,
  MissingAction: 400,
  MissingParameter: 400,
  InvalidParameterValue: 400,
  InvalidParameterCombination: 400,
  InvalidAuthenticationCode: 403,
  InvalidUserType: 400,
  PasswordPolicyViolation: 400,
  EntityTemporarilyUnmodifiable: 409,
  UnmodifiableEntity: 400,
  ConcurrentModification: 409,
  PolicyEvaluation: 500,
  PackedPolicyTooLarge: 400,
  RegionDisabled: 403,
  ReportNotPresent: 410,
  ReportInProgress: 404,
  // authentication and authorization
  AccessDenied: 403,
  MissingAuthenticationToken: 403,
  IncompleteSignature: 400,
  AuthorizationQueryParametersError: 400,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  RequestExpired: 400,
  ExpiredToken: 400,
  InvalidToken: 401,
  Unauthenticated: 401,
  PasswordResetRequired: 403,
  PasswordExpired: 403,
  MfaRequired: 403,
  Throttling: 429,
  TooManyAttempts: 429,
  // generic HTTP-level errors
  NotFound: 404,
  MethodNotAllowed: 405,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  BadRequest: 400,
  InvalidCsrfToken: 403,
  ServiceFailure: 500,
  ServiceUnavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
