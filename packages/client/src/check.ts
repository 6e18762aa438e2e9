// What the service accepts in a check, tested on the app's side so that a mistake is found when the
// app starts (or, for values computed per request, reported to the developer) instead of each request
// failing at the service. The rules are the service's own (workers/policy/src/request.ts).
import { ConfigurationError } from './errors.js';

/** `service:Action`, as the service's request schema has it. */
export const ACTION_PATTERN = /^[\w-]+:[\w*?-]+$/;
export const MAX_ACTION = 256;
export const MAX_RESOURCE = 2048;

export function checkAction(action: unknown): string {
  if (typeof action !== 'string' || action.length > MAX_ACTION || !ACTION_PATTERN.test(action)) {
    throw new ConfigurationError(`action must look like \`service:Action\` (e.g. \`reports:GetReport\`), got \`${String(action)}\``);
  }
  return action;
}

export function checkResource(resource: unknown): string {
  if (typeof resource !== 'string' || resource.length === 0 || resource.length > MAX_RESOURCE) {
    throw new ConfigurationError(
      `resource must be a non-empty string of at most ${MAX_RESOURCE} characters (an ARN), got \`${String(resource)}\``,
    );
  }
  return resource;
}

/** An OAuth client id of edge-iam's OpenID Connect provider: `eiam-` and 20 of a-z, 2-7 (as the service checks it). */
export const CLIENT_ID_PATTERN = /^eiam-[a-z2-7]{20}$/;

export function checkClientId(clientId: unknown): string {
  if (typeof clientId !== 'string' || !CLIENT_ID_PATTERN.test(clientId)) {
    throw new ConfigurationError(
      `clientId must be this app's OAuth client id (\`eiam-\` and 20 letters a-z or digits 2-7, as CreateOAuthClient answered it), got \`${String(clientId)}\``,
    );
  }
  return clientId;
}
