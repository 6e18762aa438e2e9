// The two ways a check fails without a decision. AuthorizeError: the service answered with an error
// or could not be reached (status and code as the service gave them; 503 when unreachable).
// ConfigurationError: the app asked something that can never be answered (a bad action pattern, a
// cache longer than the service's freshness bound): a bug for the app's developer, not the end user.

export class AuthorizeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthorizeError';
  }
}

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}
