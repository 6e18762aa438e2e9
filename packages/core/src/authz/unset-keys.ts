// Warnings for condition keys this service never sets for the IAM and STS actions a statement names.
// AWS accepts such a policy (so do we), but a condition on a key that is always absent never matches
// the way its author meant: a Deny that is supposed to fire on `iam:ResourceTag/team` spelled
// `iam:ResoureTag/team` silently denies nothing. Pure: the policy is already parsed.
//
// Only statements whose Action names nothing but iam: and sts: actions are checked; the keys of other
// services come from the apps that call /authorize, which may set anything.
import { compileGlob, matchGlob } from '../policy';
import type { Diagnostic, PolicyDocument } from '../policy/types';
import { documentedKeys, KEY_SOURCES, notApplicable } from './action-condition-keys';
import { DOCUMENTED_CONDITION_KEYS } from './iam-condition-keys';

/** The global keys globalConditionKeys sets on IAM and STS requests (some only for some callers). */
const GLOBAL_KEYS = [
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:PrincipalType',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:SecureTransport',
  'aws:SourceIp',
  'aws:username',
  'aws:userid',
  'aws:TokenIssueTime',
  'aws:MultiFactorAuthPresent',
  'aws:MultiFactorAuthAge',
  'aws:PrincipalTag/${TagKey}',
  // A session from an identity provider (AssumeRoleWithWebIdentity, AssumeRoleWithSAML) carries these.
  'aws:FederatedProvider',
  'aws:SourceIdentity',
  'saml:namequalifier',
  'saml:sub',
  'saml:sub_type',
];

/**
 * Any OpenID Connect provider's own keys, named by its issuer (`token.actions.githubusercontent.com:sub`):
 * `aud`, `sub` and `amr` in the trust policy and in the session's later requests, `azp` and `oaud` in
 * the trust policy. The reference cannot list them: every provider has its own name.
 */
const webIdentityKey = (key: string) => /^(?!(aws|iam|sts|saml):).+:(aud|sub|amr|azp|oaud)$/i.test(key);

const ALL_ACTIONS = Object.keys(DOCUMENTED_CONDITION_KEYS);
const isOurs = (pattern: string) => /^(iam|sts):/i.test(pattern);

/** A documented key spelling (`aws:ResourceTag/${TagKey}`) as a test on a key a policy names. */
function keyTest(documented: string): (key: string) => boolean {
  const lower = documented.toLowerCase();
  if (!lower.includes('${')) return (k) => k.toLowerCase() === lower;
  // Each `${Placeholder}` is one or more characters; the rest is literal (`token.actions.${Domain}.ghe.com:ref`).
  const escape = (part: string) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `^${lower
      .split(/\$\{[^}]+\}/)
      .map(escape)
      .join('.+')}$`,
  );
  return (k) => pattern.test(k.toLowerCase());
}

/** The keys this service sets for `action`: its documented keys that have a source here. */
function setKeys(action: string): string[] {
  return documentedKeys(action).filter((k) => notApplicable(action, k) === undefined && KEY_SOURCES[k] !== undefined);
}

/** Warnings, one per condition key that no action of its statement ever receives here. */
export function unsetConditionKeyWarnings(policy: PolicyDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  policy.statements.forEach((s, i) => {
    if (!s.action || !s.condition || !s.action.every(isOurs)) return;
    const patterns = s.action.map((p) => compileGlob(p.toLowerCase()));
    const actions = ALL_ACTIONS.filter((a) => patterns.some((p) => matchGlob(p, a.toLowerCase())));
    if (actions.length === 0) return;
    const tests = [...new Set([...GLOBAL_KEYS, ...actions.flatMap(setKeys)])].map(keyTest);
    for (const [operator, entries] of Object.entries(s.condition)) {
      for (const key of Object.keys(entries)) {
        if (tests.some((t) => t(key)) || webIdentityKey(key)) continue;
        const named = actions.length === 1 ? `\`${actions[0]}\`` : `any of the ${actions.length} actions this statement names`;
        out.push({
          severity: 'warning',
          path: `Statement[${i}].Condition.${operator}.${key}`,
          code: 'condition-key-never-set',
          message: `condition key \`${key}\` is never set for ${named} here, so it is always absent and the condition cannot match as written`,
        });
      }
    }
  });
  return out;
}
