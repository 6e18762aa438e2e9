// The encoded authorization message of an AccessDenied answer, as STS DecodeAuthorizationMessage
// reads it back: why the request was denied (allowed, explicit deny, the statements that decided,
// policies that failed to evaluate) and the request context it was decided in (principal, action,
// resource, condition keys), in the JSON shape AWS decodes to.
//
// INVARIANT: the message is sealed (AES-256-GCM under the master key, bound to the account) so only
// this service can write one and only a caller of the same account can have it decoded; a forged,
// altered or another account's message fails to open (InvalidAuthorizationMessageException). The
// decision's details can be sensitive, which is why decoding needs sts:DecodeAuthorizationMessage.
import type { Caller } from '../authn/caller';
import { open, seal } from '../crypto/secret-box';
import { IamError } from '../errors';
import type { ContextValue, Decision } from '../policy/types';

const context = (accountId: string) => `authorization-message:${accountId}`;
/** The encoded form is a secret box; DecodeAuthorizationMessage takes at most 10,240 characters. */
const MAX_ENCODED = 10_240;

export interface DeniedRequest {
  caller: Caller;
  action: string;
  resource: string;
  decision: Decision;
  conditions: Readonly<Record<string, ContextValue>>;
}

const items = <T>(list: readonly T[]) => ({ items: list });
const values = (v: ContextValue) => items((Array.isArray(v) ? v : [v]).map((x) => ({ value: String(x) })));

function principalId(c: Caller): string {
  if (c.kind === 'user') return c.userId;
  if (c.kind === 'role-session') return `${c.roleId}:${c.sessionName}`;
  if (c.kind === 'federated-user') return `${c.accountId}:${c.federatedName}`;
  if (c.kind === 'user-session') return c.userId ?? c.accountId;
  return c.accountId;
}

function principalName(c: Caller): string | undefined {
  if (c.kind === 'user') return c.userName;
  if (c.kind === 'user-session') return c.userName ?? undefined;
  if (c.kind === 'role-session') return c.sessionName;
  if (c.kind === 'federated-user') return c.federatedName;
  return undefined;
}

/** The decoded message: AWS's JSON shape (`{"allowed":false,"explicitDeny":...,"context":{...}}`). */
export function authorizationMessage(r: DeniedRequest): string {
  const d = r.decision;
  return JSON.stringify({
    allowed: d.decision === 'Allow',
    explicitDeny: d.decision === 'ExplicitDeny',
    matchedStatements: items(
      d.matched.map((m) => ({
        statementId: m.sid ?? '',
        effect: m.effect.toUpperCase(),
        policy: m.policyId,
        policyType: m.policyType,
        statementIndex: m.statementIndex,
      })),
    ),
    failures: items(d.errors.map((e) => ({ policy: e.policyId, message: e.message }))),
    context: {
      principal: { id: principalId(r.caller), name: principalName(r.caller), arn: r.caller.arn },
      action: r.action,
      resource: r.resource,
      conditions: items(
        Object.entries(r.conditions)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, v]) => ({ key, values: values(v) })),
      ),
    },
  });
}

/** The sealed message for an AccessDenied answer; undefined when it would not fit what STS decodes. */
export async function encodeAuthorizationMessage(masterKey: CryptoKey, r: DeniedRequest): Promise<string | undefined> {
  const sealed = await seal(masterKey, authorizationMessage(r), context(r.caller.accountId));
  return sealed.length <= MAX_ENCODED ? sealed : undefined;
}

/** The decoded JSON of a message this service issued for `accountId`; InvalidAuthorizationMessageException otherwise. */
export async function decodeAuthorizationMessage(masterKey: CryptoKey, accountId: string, encoded: string): Promise<string> {
  try {
    return await open(masterKey, encoded.trim(), context(accountId));
  } catch {
    throw new IamError('InvalidAuthorizationMessageException', 'The message is not a valid encoded authorization message.');
  }
}
