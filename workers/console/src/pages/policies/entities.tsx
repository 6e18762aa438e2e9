// Attaching a policy from its own page, as the AWS console's "Attach" does: one page listing the
// account's users, groups and roles (those it is not attached to yet, narrowed by a name filter),
// posting Attach{User,Group,Role}Policy for each ticked; and the entities table's one-button Detach.
// Attaching is authorized on the entity, so what the person may attach is the API's to say.
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { ConsoleContext, ConsoleEnv } from '../../env';
import { scan, type Choices } from '../../lists';
import { attempt, list, page, readForm, redirectWithNotice, statusFor, text } from '../../render';
import { Checkbox, CsrfField, ErrorSummary, PageHeader, TextField } from '../../ui/components';
import { listEntities } from './data';
import {
  arnOf,
  BASE,
  ENTITY_KINDS,
  getPolicy,
  KIND_TITLE,
  kindParam,
  plural,
  policyUrl,
  viewUrl,
  type EntityKind,
  type Problem,
} from './shared';
import { orShowPolicy, renderPolicyDetail } from './view';

export const policyEntityPages = new Hono<ConsoleEnv>();

const LISTS = {
  user: ['ListUsers', 'Users', 'UserName'],
  group: ['ListGroups', 'Groups', 'GroupName'],
  role: ['ListRoles', 'Roles', 'RoleName'],
} as const;

type Named = Record<string, string>;

/** `user:alice` as the checkboxes post it; anything else is not an entity. */
function parseEntity(value: string): { kind: EntityKind; name: string } | undefined {
  const cut = value.indexOf(':');
  const kind = value.slice(0, cut) as EntityKind;
  const name = value.slice(cut + 1);
  return cut > 0 && ENTITY_KINDS.includes(kind) && name ? { kind, name } : undefined;
}

const Choices: FC<{ kind: EntityKind; found: Choices<Named>; chosen: readonly string[] }> = ({ kind, found, chosen }) => {
  const nameKey = LISTS[kind][2];
  return (
    <fieldset class="field policies-picks">
      <legend>{KIND_TITLE[kind]}s</legend>
      {found.denied ? <p class="warning">{found.denied}</p> : null}
      {!found.denied && found.items.length === 0 ? <p class="muted">No {kind}s to attach to match the filter.</p> : null}
      {found.items.map((item, i) => {
        const value = `${kind}:${item[nameKey]}`;
        return <Checkbox name="entity" value={value} id={`entity-${kind}-${i}`} label={item[nameKey]} checked={chosen.includes(value)} />;
      })}
      {found.more ? <p class="hint">Only the first {found.items.length} are shown. Narrow the filter to find others.</p> : null}
    </fieldset>
  );
};

async function renderAttach(c: ConsoleContext, arn: string, draft: { filter: string; chosen: string[] }, problem?: Problem) {
  const policy = await getPolicy(c, arn);
  const attached = await attempt(() => listEntities(c, policy.Arn, 'PermissionsPolicy'));
  const have = new Set(attached.ok ? attached.value.map((e) => `${e.kind}:${e.name.toLowerCase()}`) : []);
  const needle = draft.filter.toLowerCase();
  const found = await Promise.all(
    ENTITY_KINDS.map((kind) => {
      const [action, key, nameKey] = LISTS[kind];
      return scan<Named>(c, action, {}, key, (item) => {
        const name = (item[nameKey] ?? '').toLowerCase();
        return name.includes(needle) && !have.has(`${kind}:${name}`);
      });
    }),
  );
  const title = `Attach ${policy.PolicyName}`;
  const action = policyUrl('attach', policy.Arn);
  return page(
    c,
    {
      title,
      section: 'policies',
      crumbs: [
        ['Policies', BASE],
        [policy.PolicyName, viewUrl(policy.Arn)],
      ],
      ...(problem ? { status: problem.status } : {}),
    },
    <>
      <ErrorSummary message={problem?.message} errors={problem?.errors} />
      <PageHeader title={title} lead="Choose the users, groups and roles that get this policy's permissions." />
      <form method="get" action={`${BASE}/attach`} class="policies-filter" role="search" aria-label="Filter users, groups and roles">
        <input type="hidden" name="arn" value={policy.Arn} />
        <TextField label="Filter by name" name="filter" type="search" value={draft.filter} />
        <div class="button-row">
          <button type="submit" class="secondary">
            Filter
          </button>
          {draft.filter ? <a href={action}>Clear filter</a> : null}
        </div>
      </form>
      <form method="post" action={action} class="stack">
        <CsrfField token={c.var.csrfToken} />
        <div id="entity" class={problem?.errors?.entity ? 'field has-error' : 'field'}>
          {problem?.errors?.entity ? <p class="field-error">{problem.errors.entity}</p> : null}
          {ENTITY_KINDS.map((kind, i) => (
            <Choices kind={kind} found={found[i]!} chosen={draft.chosen} />
          ))}
        </div>
        <div class="button-row">
          <button type="submit">Attach policy</button>
          <a href={viewUrl(policy.Arn, 'entities')}>Cancel</a>
        </div>
      </form>
    </>,
  );
}

policyEntityPages.get('/attach', (c) =>
  renderAttach(c, arnOf(c), { filter: (c.req.query('filter') ?? '').trim().slice(0, 128), chosen: [] }),
);

policyEntityPages.post('/attach', async (c) => {
  const arn = arnOf(c);
  const chosen = list(await readForm(c), 'entity', 50);
  const entities = chosen.map(parseEntity);
  const draft = { filter: '', chosen };
  if (entities.length === 0)
    return renderAttach(c, arn, draft, { errors: { entity: 'Choose at least one user, group or role' }, status: 400 });
  if (entities.some((e) => !e))
    return renderAttach(c, arn, draft, { errors: { entity: 'Choose users, groups and roles from the list' }, status: 400 });
  const done: string[] = [];
  for (const e of entities as { kind: EntityKind; name: string }[]) {
    const r = await attempt(() => c.var.iam.call(`Attach${KIND_TITLE[e.kind]}Policy`, { [kindParam(e.kind)]: e.name, PolicyArn: arn }));
    if (!r.ok) {
      if (done.length === 0) return renderAttach(c, arn, draft, { message: r.error.message, status: statusFor(r.error) });
      const notice = `Attached the policy to ${done.join(', ')}. It was not attached to ${e.kind} ${e.name} or the ones after it: ${r.error.message}`;
      return redirectWithNotice(c, viewUrl(arn, 'entities'), notice);
    }
    done.push(`${e.kind} ${e.name}`);
  }
  return redirectWithNotice(
    c,
    viewUrl(arn, 'entities'),
    `Attached the policy to ${plural(done.length, 'entity', 'entities')}: ${done.join(', ')}.`,
  );
});

policyEntityPages.post('/detach', async (c) => {
  const arn = arnOf(c);
  const form = await readForm(c);
  const e = parseEntity(`${text(form, 'kind', 10)}:${text(form, 'name', 128)}`);
  if (!e) return renderPolicyDetail(c, arn, { message: 'Choose a user, group or role to detach the policy from.', status: 400 });
  return orShowPolicy(c, arn, async () => {
    await c.var.iam.call(`Detach${KIND_TITLE[e.kind]}Policy`, { [kindParam(e.kind)]: e.name, PolicyArn: arn });
    return redirectWithNotice(c, viewUrl(arn, 'entities'), `Detached the policy from ${e.kind} ${e.name}.`);
  });
});
