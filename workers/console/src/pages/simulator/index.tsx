// /console/simulator: the policy simulator. GET shows the form (links may preset `?mode=custom`,
// `?kind=role&filter=`, `?principal=<arn>`, `?actions=`); POST with `intent`:
//   list - re-read the principal list for the kind and name typed (no script needed to filter it);
//   keys - GetContextKeysForPrincipalPolicy / GetContextKeysForCustomPolicy, adding a row per key;
//   run  - SimulatePrincipalPolicy / SimulateCustomPolicy, results above the form, paged by Marker.
// Simulating changes nothing, but it is a POST because pasted policies do not fit in a URL.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { scan } from '../../lists';
import { attempt, page, readForm, statusFor, text, type IamError } from '../../render';
import { ErrorSummary, Notice, PageHeader } from '../../ui/components';
import { checkPolicy, type Check, type PolicyType } from '../../ui/policy-editor';
import { checkDraft, contextKeyParams, draftFromForm, draftFromQuery, simulationParams, suggestKeys, type Draft } from './draft';
import { fieldOfMessage } from './errors';
import { ModeLinks, SimulatorForm, type FormState, type Principal } from './form';
import { missingKeys, Results, type SimulationPage } from './results';

export const simulatorPages = new Hono<ConsoleEnv>();

const LISTS = {
  user: { action: 'ListUsers', key: 'Users', name: 'UserName' },
  group: { action: 'ListGroups', key: 'Groups', name: 'GroupName' },
  role: { action: 'ListRoles', key: 'Roles', name: 'RoleName' },
} as const;

/** The principals of the draft's kind whose name contains its filter (or the API's refusal). */
async function choices(c: ConsoleContext, d: Draft) {
  const list = LISTS[d.kind];
  const needle = d.filter.toLowerCase();
  const found = await scan<Record<string, string>>(c, list.action, {}, list.key, (p) =>
    String(p[list.name]).toLowerCase().includes(needle),
  );
  return { ...found, items: found.items.map((p): Principal => ({ name: p[list.name]!, arn: p.Arn!, path: p.Path ?? '/' })) };
}

interface View {
  status?: 400 | 403 | 404 | 409 | 429;
  message?: string;
  notice?: string;
  results?: { out: SimulationPage; draft: Draft; page: number };
  findings?: Record<string, Check>;
  usedKeys?: readonly string[];
}

async function render(c: ConsoleContext, draft: Draft, errors: Record<string, string>, v: View = {}) {
  const s: FormState = {
    draft,
    csrf: c.var.csrfToken,
    errors,
    ...(draft.mode === 'principal' ? { choices: await choices(c, draft) } : {}),
    ...(v.findings ? { findings: v.findings } : {}),
    ...(v.usedKeys ? { usedKeys: v.usedKeys } : {}),
  };
  return page(
    c,
    { title: 'Policy simulator', section: 'simulator', status: v.status },
    <>
      <ErrorSummary message={v.message} errors={errors} />
      <Notice message={v.notice} />
      <PageHeader
        title="Policy simulator"
        lead="See whether policies allow an action on a resource, which statements decide it, and which context keys a condition needs. Nothing is changed."
      />
      {v.results ? <Results out={v.results.out} draft={v.results.draft} csrf={c.var.csrfToken} page={v.results.page} /> : null}
      <ModeLinks mode={draft.mode} />
      <SimulatorForm s={s} />
    </>,
  );
}

const DOCUMENT_TYPES: Record<string, PolicyType> = { boundary: 'PERMISSIONS_BOUNDARY', resource_policy: 'RESOURCE_POLICY' };

/** A refusal from the API: on the field it names (with the validator's findings for a document), or at the top. */
async function refused(c: ConsoleContext, draft: Draft, error: IamError) {
  const status = statusFor(error);
  const field = status === 400 || status === 404 ? fieldOfMessage(error.message, draft) : undefined;
  if (!field) return render(c, draft, {}, { status, message: error.message });
  const findings: Record<string, Check> = {};
  const doc = field.startsWith('policy_')
    ? draft.policies[Number(field.slice('policy_'.length))]
    : field === 'boundary'
      ? draft.boundary
      : field === 'resource_policy'
        ? draft.resourcePolicy
        : undefined;
  if (doc) findings[field] = await checkPolicy(c, doc, DOCUMENT_TYPES[field] ?? 'IDENTITY_POLICY');
  return render(c, draft, { [field]: error.message }, { status, findings });
}

simulatorPages.get('/', (c) =>
  render(
    c,
    draftFromQuery((name) => c.req.query(name)),
    {},
  ),
);

simulatorPages.post('/', async (c) => {
  const form = await readForm(c);
  const intent = text(form, 'intent');
  const draft = draftFromForm(form);
  if (intent === 'list') return render(c, draft, {});
  const errors = checkDraft(draft, intent === 'keys' ? 'keys' : 'run');
  if (Object.keys(errors).length > 0) return render(c, draft, errors, { status: 400 });

  if (intent === 'keys') {
    const action = draft.mode === 'principal' ? 'GetContextKeysForPrincipalPolicy' : 'GetContextKeysForCustomPolicy';
    const got = await attempt(() => c.var.iam.call<{ ContextKeyNames?: string[] }>(action, contextKeyParams(draft)));
    if (!got.ok) return refused(c, draft, got.error);
    const keys = got.value.ContextKeyNames ?? [];
    return render(
      c,
      suggestKeys(draft, keys),
      {},
      {
        usedKeys: keys,
        notice: keys.length ? 'A row was added for each context key the policies use. Enter the values to test.' : undefined,
      },
    );
  }

  const action = draft.mode === 'principal' ? 'SimulatePrincipalPolicy' : 'SimulateCustomPolicy';
  const marker = text(form, 'marker', 400) || undefined;
  const pageNumber = marker ? Math.max(1, Math.min(100_000, Number(text(form, 'page_number', 6)) || 1)) : 1;
  const ran = await attempt(() => c.var.iam.call<SimulationPage>(action, simulationParams(draft, marker)));
  if (!ran.ok) return refused(c, draft, ran.error);
  // The form below gets a ready row for each key a condition needed; the next page repeats this request.
  return render(c, suggestKeys(draft, missingKeys(ran.value)), {}, { results: { out: ran.value, draft, page: pageNumber } });
});
