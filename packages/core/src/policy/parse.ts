// Parses and validates a policy document of a given kind into its normalised form. Never throws, on
// any input: text that is not JSON, JSON that is not a policy, or a policy that breaks a rule all come
// back as diagnostics naming the JSON path and what to change.

import { Diagnostics, isRecord, jsonType, show, suggest } from './diagnostics';
import { MANAGED_VERSION_MESSAGE } from './iam-rules';
import { firstDisallowedCharacter, POLICY_LIMITS, policySize } from './limits';
import { validateStatement, type StatementDraft } from './statement';
import type { Diagnostic, PolicyDocument, PolicyKind, PolicyStatement, PolicyVersion } from './types';

export interface ParseOptions {
  /**
   * size limit in non-whitespace characters; defaults by kind (see DEFAULT_SIZE_LIMIT). Inline
   * policies share a per-identity total (POLICY_LIMITS.inline*): check the sum with policySize.
   */
  readonly maxSize?: number;
  /** check size and characters (default true); compilation turns this off, as limits apply when storing */
  readonly checkLimits?: boolean;
  /**
   * Apply the rules IAM enforces when it stores the document (iam-rules.ts): ARN-shaped resources, the
   * actions of a trust policy, and for a managed policy (`managed`) Version 2012-10-17. Off by default:
   * the engine also serves apps whose resources are not ARNs.
   */
  readonly iam?: { readonly managed?: boolean };
}

export type ParseResult =
  | { readonly ok: true; readonly policy: PolicyDocument; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly errors: readonly Diagnostic[]; readonly warnings: readonly Diagnostic[] };

export const DEFAULT_SIZE_LIMIT: Readonly<Record<PolicyKind, number>> = {
  identity: POLICY_LIMITS.managed,
  boundary: POLICY_LIMITS.managed,
  trust: POLICY_LIMITS.trust,
  session: POLICY_LIMITS.session,
  resource: POLICY_LIMITS.resource,
};

const TOP_LEVEL = ['Version', 'Id', 'Statement'];

/** What the compiler needs: the statements as far as they could be read, and which ones are broken. */
export interface Analysis {
  readonly version?: PolicyVersion;
  readonly id?: string;
  /** undefined when the document itself could not be read (not JSON, not an object, no statements) */
  readonly drafts?: readonly StatementDraft[];
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

/** Validates `input` (JSON text or an already parsed value) as a policy of `kind`. */
export function parsePolicy(input: unknown, kind: PolicyKind, options: ParseOptions = {}): ParseResult {
  const a = analyzePolicy(input, kind, options);
  if (a.errors.length > 0 || a.drafts === undefined) return { ok: false, errors: a.errors, warnings: a.warnings };
  const statements = a.drafts.map(toStatement);
  const policy: PolicyDocument = { statements, ...(a.version && { version: a.version }), ...(a.id !== undefined && { id: a.id }) };
  return { ok: true, policy, warnings: a.warnings };
}

export function analyzePolicy(input: unknown, kind: PolicyKind, options: ParseOptions = {}): Analysis {
  const d = new Diagnostics();
  const fail = (): Analysis => ({ errors: d.errors, warnings: d.warnings });
  let text: string | undefined;
  let value: unknown = input;
  if (typeof input === 'string') {
    text = input;
    try {
      value = JSON.parse(input);
    } catch (e) {
      d.error('', 'invalid-json', `policy is not valid JSON: ${e instanceof Error ? lowerFirst(e.message) : 'parse error'}`);
      return fail();
    }
  } else if (options.checkLimits !== false) {
    try {
      text = JSON.stringify(input);
    } catch {
      text = undefined;
    }
  }
  if (text !== undefined && options.checkLimits !== false) {
    const bad = firstDisallowedCharacter(text);
    if (bad !== -1) {
      const code = text.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
      d.error(
        '',
        'invalid-character',
        `character \`${text[bad]}\` (U+${code}) at offset ${bad} is not allowed; policies may only use tab, newline, carriage return and U+0020 to U+00FF`,
      );
    }
    const size = policySize(text);
    const limit = options.maxSize ?? DEFAULT_SIZE_LIMIT[kind];
    if (size > limit) {
      d.error('', 'policy-too-large', `policy has ${size} non-whitespace characters; the limit for ${kind} policies is ${limit}`);
    }
  }
  if (!isRecord(value)) {
    d.error('', 'invalid-type', `a policy must be a JSON object, not ${jsonType(value)}`);
    return fail();
  }
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL.includes(key)) d.error(key, 'unknown-element', `unknown policy element \`${key}\`${suggest(key, TOP_LEVEL)}`);
  }
  let version: PolicyVersion | undefined;
  const v = value['Version'];
  if (v === undefined) {
    d.warn(
      'Version',
      'missing-version',
      'no `Version`: the policy uses 2008-10-17 rules and policy variables are matched literally; add `"Version": "2012-10-17"`',
    );
  } else if (v === '2012-10-17' || v === '2008-10-17') {
    version = v;
  } else {
    d.error('Version', 'invalid-version', `\`Version\` must be \`2012-10-17\` (or the older \`2008-10-17\`), not \`${show(v)}\``);
  }
  if (options.iam?.managed && (v === undefined || v === '2008-10-17')) {
    d.error('Version', 'version-required', 'managed policies need `"Version": "2012-10-17"`', MANAGED_VERSION_MESSAGE);
  }
  let id: string | undefined;
  if (Object.hasOwn(value, 'Id')) {
    if (typeof value['Id'] === 'string') id = value['Id'];
    else d.error('Id', 'invalid-type', `\`Id\` must be a string, not ${jsonType(value['Id'])}`);
  }
  const raw = value['Statement'];
  if (raw === undefined) {
    d.error('Statement', 'missing-statement', 'a policy needs `Statement`: one statement object or an array of them');
    return { version, id, drafts: [], errors: d.errors, warnings: d.warnings };
  }
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  if (list.length === 0) d.error('Statement', 'empty-statement', '`Statement` must contain at least one statement');
  const variables = version === '2012-10-17';
  const drafts: StatementDraft[] = [];
  const sids = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const path = Array.isArray(raw) ? `Statement[${i}]` : 'Statement';
    const draft = validateStatement(list[i], i, path, kind, variables, d, options.iam !== undefined);
    if (draft.sid !== undefined && draft.sid !== '') {
      const first = sids.get(draft.sid);
      if (first === undefined) sids.set(draft.sid, i);
      else {
        d.error(
          `${path}.Sid`,
          'duplicate-sid',
          `\`Sid\` \`${draft.sid}\` is already used by Statement[${first}]; statement ids must be unique`,
          'Statement IDs (SID) in a single policy must be unique.',
        );
        draft.errors++;
      }
    }
    drafts.push(draft);
  }
  return { version, id, drafts, errors: d.errors, warnings: d.warnings };
}

function toStatement(s: StatementDraft): PolicyStatement {
  // Only called for error-free drafts, where Effect is always set.
  const out: { -readonly [K in keyof PolicyStatement]: PolicyStatement[K] } = { effect: s.effect ?? 'Deny' };
  if (s.sid !== undefined) out.sid = s.sid;
  if (s.principal !== undefined) out.principal = s.principal;
  if (s.notPrincipal !== undefined) out.notPrincipal = s.notPrincipal;
  if (s.action !== undefined) out.action = s.action;
  if (s.notAction !== undefined) out.notAction = s.notAction;
  if (s.resource !== undefined) out.resource = s.resource;
  if (s.notResource !== undefined) out.notResource = s.notResource;
  if (s.condition !== undefined) out.condition = s.condition;
  return out;
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0]!.toLowerCase() + s.slice(1) : s;
}
