// What the simulator form holds (a draft, kept as typed so a re-rendered page shows it back) and how it
// becomes the parameters of SimulatePrincipalPolicy / SimulateCustomPolicy. Bounds are checked here,
// before any call, so a request the API would refuse for its size costs nothing and the message sits
// beside the field; what only the service can judge (a policy's grammar, a context value's type) is
// left to it and its message is placed on the field it names (errors.ts).
import type { QueryParams } from '../../iam-api';
import { text, type Form } from '../../render';

export type Mode = 'principal' | 'custom';
export type PrincipalKind = 'user' | 'group' | 'role';

/** AWS's ContextKeyType enum (IAM API reference, ContextEntry), in the order the form offers them. */
export const CONTEXT_KEY_TYPES = [
  'string',
  'stringList',
  'numeric',
  'numericList',
  'boolean',
  'booleanList',
  'ip',
  'ipList',
  'binary',
  'binaryList',
  'date',
  'dateList',
] as const;
export type ContextKeyType = (typeof CONTEXT_KEY_TYPES)[number];

export interface ContextRow {
  key: string;
  type: ContextKeyType;
  /** as typed: one value, or comma-separated values for a list type */
  values: string;
}

export interface Draft {
  mode: Mode;
  kind: PrincipalKind;
  /** narrows the principal list by name */
  filter: string;
  /** the chosen principal's ARN (PolicySourceArn) */
  principal: string;
  actions: string;
  resources: string;
  context: ContextRow[];
  /** pasted identity policies (PolicyInputList): required in custom mode, extra ones for a principal */
  policies: string[];
  boundary: string;
  resourcePolicy: string;
  callerArn: string;
  pageSize: string;
}

// The limits a person meets. 100 actions x 100 resources is the API's own ceiling of 10,000 decisions
// per request; a policy is at most the API's 131,072 characters (the console takes 256 KB per form).
export const LIMITS = {
  actions: 100,
  resources: 100,
  contextEntries: 50,
  contextValues: 50,
  policies: 10,
  document: 131072,
  arn: 2048,
  pageSize: 1000,
} as const;
export const DEFAULT_PAGE_SIZE = 100;

const KINDS: readonly PrincipalKind[] = ['user', 'group', 'role'];
const isType = (t: string): t is ContextKeyType => (CONTEXT_KEY_TYPES as readonly string[]).includes(t);

export function emptyDraft(mode: Mode = 'principal'): Draft {
  return {
    mode,
    kind: 'user',
    filter: '',
    principal: '',
    actions: '',
    resources: '*',
    context: [],
    policies: [],
    boundary: '',
    resourcePolicy: '',
    callerArn: '',
    pageSize: String(DEFAULT_PAGE_SIZE),
  };
}

/** The draft a GET carries (links such as `?kind=role&principal=<arn>`). */
export function draftFromQuery(q: (name: string) => string | undefined): Draft {
  const d = emptyDraft(q('mode') === 'custom' ? 'custom' : 'principal');
  const kind = q('kind') as PrincipalKind;
  if (KINDS.includes(kind)) d.kind = kind;
  d.filter = (q('filter') ?? '').trim().slice(0, 128);
  d.principal = (q('principal') ?? '').trim().slice(0, LIMITS.arn + 1);
  if (q('actions')) d.actions = q('actions')!.slice(0, 20_000);
  return d;
}

/** The draft as posted. Fields are read one past their limit, so an over-long one is reported, not cut. */
export function draftFromForm(form: Form): Draft {
  const d = emptyDraft(text(form, 'mode') === 'custom' ? 'custom' : 'principal');
  const kind = text(form, 'kind') as PrincipalKind;
  if (KINDS.includes(kind)) d.kind = kind;
  d.filter = text(form, 'filter', 128);
  d.principal = text(form, 'principal_arn', LIMITS.arn + 1) || text(form, 'principal', LIMITS.arn + 1);
  d.actions = text(form, 'actions', 50_000);
  d.resources = text(form, 'resources', 250_000);
  for (let i = 0; i < LIMITS.contextEntries + 10; i++) {
    if (!(`ctx_key_${i}` in form)) continue;
    const type = text(form, `ctx_type_${i}`);
    const row = {
      key: text(form, `ctx_key_${i}`, 300),
      type: isType(type) ? type : 'string',
      values: text(form, `ctx_values_${i}`, 20_000),
    };
    if (row.key || row.values) d.context.push(row);
  }
  for (let i = 0; i < LIMITS.policies + 5; i++) {
    const doc = text(form, `policy_${i}`, LIMITS.document + 1);
    if (doc) d.policies.push(doc);
  }
  d.boundary = text(form, 'boundary', LIMITS.document + 1);
  d.resourcePolicy = text(form, 'resource_policy', LIMITS.document + 1);
  d.callerArn = text(form, 'caller_arn', LIMITS.arn + 1);
  d.pageSize = text(form, 'page_size', 10) || String(DEFAULT_PAGE_SIZE);
  return d;
}

/** Actions: one per line or separated by commas; resources: one ARN per line (ARNs may hold commas). */
export const actionList = (s: string) => [...new Set(s.split(/[\s,]+/).filter(Boolean))];
export const resourceList = (s: string) => [
  ...new Set(
    s
      .split(/\r?\n/)
      .map((r) => r.trim())
      .filter(Boolean),
  ),
];
/** A list type's values are separated by commas; any other type takes the field as its one value. */
export const contextValues = (row: ContextRow) =>
  row.type.endsWith('List')
    ? row.values
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : row.values === ''
      ? []
      : [row.values];

// `service:action`, with the wildcards IAM allows in an action name (`s3:Get*`, `iam:*`).
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;
// A condition key: a namespace, a colon, a name (which may carry a tag key: `aws:ResourceTag/team`).
const CONTEXT_KEY = /^[A-Za-z0-9-]+:\S(.*\S)?$/;

export type FieldErrors = Record<string, string>;

/** Field errors for everything the console can judge itself. */
export function checkDraft(d: Draft, intent: 'run' | 'keys'): FieldErrors {
  const errors: FieldErrors = {};
  if (d.mode === 'principal') {
    if (!d.principal) errors.principal = `Choose the ${d.kind} whose policies to simulate`;
    else if (d.principal.length < 20 || d.principal.length > LIMITS.arn || !d.principal.startsWith('arn:'))
      errors.principal = 'Enter the ARN of a user, group or role (arn:aws:iam::123456789012:user/name)';
  }
  if (d.mode === 'custom' && d.policies.length === 0) errors.policy_0 = 'Paste at least one policy to simulate';
  if (d.policies.length > LIMITS.policies) errors.policy_0 = `Paste at most ${LIMITS.policies} policies`;
  d.policies.forEach((p, i) => {
    if (p.length > LIMITS.document)
      errors[`policy_${i}`] = `Policy ${i + 1} is longer than ${LIMITS.document.toLocaleString('en')} characters`;
  });
  if (intent === 'keys') return errors;

  const actions = actionList(d.actions);
  const badAction = actions.find((a) => a.length > 128 || !ACTION.test(a));
  if (actions.length === 0) errors.actions = 'Enter at least one action, for example s3:GetObject';
  else if (actions.length > LIMITS.actions)
    errors.actions = `Enter at most ${LIMITS.actions} actions (you entered ${actions.length}); simulate the rest separately`;
  else if (badAction)
    errors.actions = `“${badAction.slice(0, 140)}” is not an action: write service:action, for example s3:GetObject or s3:Get*`;

  const resources = resourceList(d.resources);
  const badResource = resources.find((r) => r !== '*' && (!r.startsWith('arn:') || r.length > LIMITS.arn));
  if (resources.length > LIMITS.resources)
    errors.resources = `Enter at most ${LIMITS.resources} resources (you entered ${resources.length}); simulate the rest separately`;
  else if (badResource)
    errors.resources = `“${badResource.slice(0, 140)}” is not a resource ARN: enter * or an ARN (at most ${LIMITS.arn} characters) per line`;

  if (d.context.length > LIMITS.contextEntries) errors.ctx_key_0 = `Enter at most ${LIMITS.contextEntries} context keys`;
  const seen = new Set<string>();
  d.context.forEach((row, i) => {
    const values = contextValues(row);
    if (!row.key) errors[`ctx_key_${i}`] = `Enter the context key for the values in row ${i + 1}`;
    else if (row.key.length < 5 || row.key.length > 256 || !CONTEXT_KEY.test(row.key))
      errors[`ctx_key_${i}`] =
        `“${row.key.slice(0, 60)}” is not a context key: write namespace:name (5 to 256 characters), for example aws:SourceIp`;
    else if (seen.has(row.key.toLowerCase())) errors[`ctx_key_${i}`] = `Context key ${row.key} is entered more than once`;
    seen.add(row.key.toLowerCase());
    if (values.length > LIMITS.contextValues) errors[`ctx_values_${i}`] = `Enter at most ${LIMITS.contextValues} values for ${row.key}`;
    else if (values.some((v) => v.length > 256)) errors[`ctx_values_${i}`] = `Each value of ${row.key} must be 256 characters or fewer`;
  });

  if (d.boundary.length > LIMITS.document) errors.boundary = 'The permissions boundary is too long';
  if (d.resourcePolicy.length > LIMITS.document) errors.resource_policy = 'The resource-based policy is too long';
  if (d.callerArn && (d.callerArn.length < 20 || d.callerArn.length > LIMITS.arn || !d.callerArn.startsWith('arn:')))
    errors.caller_arn = 'Enter the ARN of an IAM user or role (arn:aws:iam::123456789012:user/name), or leave it empty';
  if (d.resourcePolicy && !d.callerArn && (d.mode === 'custom' || d.kind === 'group'))
    errors.caller_arn = 'Enter the caller ARN: a resource-based policy is evaluated for a caller';
  const size = Number(d.pageSize);
  if (!/^\d{1,4}$/.test(d.pageSize) || size < 1 || size > LIMITS.pageSize)
    errors.page_size = `Enter a number of results per page from 1 to ${LIMITS.pageSize}`;
  return errors;
}

/** Context rows that carry values: rows with a key and nothing typed are suggestions, not input. */
const filledRows = (d: Draft) => d.context.filter((r) => r.key && r.values !== '');

/** SimulatePrincipalPolicy / SimulateCustomPolicy parameters (the draft passed checkDraft). */
export function simulationParams(d: Draft, marker?: string): QueryParams {
  const resources = resourceList(d.resources);
  return {
    ...(d.mode === 'principal' ? { PolicySourceArn: d.principal } : {}),
    ActionNames: actionList(d.actions),
    ResourceArns: resources.length > 0 && !(resources.length === 1 && resources[0] === '*') ? resources : undefined,
    ContextEntries: filledRows(d).map((r) => ({ ContextKeyName: r.key, ContextKeyType: r.type, ContextKeyValues: contextValues(r) })),
    PolicyInputList: d.policies.length > 0 ? d.policies : undefined,
    PermissionsBoundaryPolicyInputList: d.boundary ? [d.boundary] : undefined,
    ResourcePolicy: d.resourcePolicy || undefined,
    CallerArn: d.callerArn || undefined,
    MaxItems: Number(d.pageSize),
    Marker: marker,
  };
}

/** GetContextKeysForPrincipalPolicy / GetContextKeysForCustomPolicy parameters. */
export const contextKeyParams = (d: Draft): QueryParams =>
  d.mode === 'principal'
    ? { PolicySourceArn: d.principal, PolicyInputList: d.policies.length > 0 ? d.policies : undefined }
    : { PolicyInputList: d.policies };

/** Adds a blank row for each key not already in the draft (keys the policies use, or missing ones). */
export function suggestKeys(d: Draft, keys: readonly string[]): Draft {
  const have = new Set(d.context.map((r) => r.key.toLowerCase()));
  const added = keys.filter((k) => !have.has(k.toLowerCase()) && (have.add(k.toLowerCase()), true));
  const rows = [...d.context, ...added.map((key) => ({ key, type: guessType(key), values: '' }))];
  return { ...d, context: rows.slice(0, LIMITS.contextEntries) };
}

/** A starting type for a well-known key; the person can change it. */
function guessType(key: string): ContextKeyType {
  const k = key.toLowerCase();
  if (k === 'aws:sourceip') return 'ip';
  if (k === 'aws:multifactorauthpresent' || k === 'aws:securetransport' || k === 'aws:viaawsservice') return 'boolean';
  if (k === 'aws:currenttime' || k === 'aws:tokenissuetime') return 'date';
  if (k === 'aws:multifactorauthage' || k === 'aws:epochtime') return 'numeric';
  if (k === 'aws:tagkeys') return 'stringList';
  return 'string';
}
