// Step 3: the resources, by the resource types the chosen actions take. Each type shows its ARN pattern
// and a field per part of it (bucket name, object key, region, account ...), empty meaning any (`*`), or
// "Any <type>"; or "All resources". Actions that take no resource at all are named: they get a statement
// of their own on `*` (completeStatement), as AWS's visual editor does.
import {
  actionDetails,
  actionsByResourceType,
  arnParts,
  buildArn,
  resourceArnProblem,
  statementActions,
  type EditingStatement,
  type ResourceType,
} from '@edge-iam/core/catalogue';
import type { ConsoleContext } from '../../../env';
import { checked, text, type Form } from '../../../render';
import { Checkbox, Radios, TextArea, TextField } from '../../../ui/components';
import { renderStep, StepForm, type Problem } from './frame';
import type { Carried } from './state';

/**
 * The resource types the statement's actions take, each with the actions that take it: those taken by
 * most of them first, then the simplest ARN (S3's bucket and object before its access points).
 */
export const typesFor = (e: Pick<EditingStatement, 'service' | 'actions'>) =>
  actionsByResourceType(e.service, statementActions(e)).sort(
    (a, b) =>
      b.actions.length - a.actions.length ||
      arnParts(a.type.arn).length - arnParts(b.type.arn).length ||
      a.type.name.localeCompare(b.type.name),
  );

/** How many resource types are shown open; the others open on a click (no script needed). */
const OPEN_TYPES = 2;

/** The chosen actions no resource type applies to (their Resource is always `*`). */
export const anywhereActions = (e: Pick<EditingStatement, 'service' | 'actions'>) =>
  statementActions(e).filter((a) => (actionDetails(a)?.resourceTypes.length ?? 0) === 0);

/** `BucketName` -> `Bucket name`, `AccessPointARN` stays readable as `Access point ARN` */
const words = (part: string) =>
  part
    .replace(/([a-z0-9])([A-Z])(?=[a-z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`)
    .replace(/([a-z])([A-Z]{2,})/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/^./, (c) => c.toUpperCase());
const field = (type: ResourceType, part: string) => `rt-${type.name}-${part}`;

export function renderResourcesStep(
  c: ConsoleContext,
  state: Carried,
  editing: EditingStatement,
  opts: { problem?: Problem; status?: 400; form?: Form } = {},
) {
  const form = opts.form ?? {};
  const types = typesFor(editing);
  const anywhere = anywhereActions(editing);
  const all = editing.resources?.includes('*') ?? false;
  const errors = opts.problem?.errors ?? {};
  return renderStep(
    c,
    {
      step: 'Resources',
      title: 'resources',
      lead: 'Limit the statement to resources by their ARN, or let it apply to all resources.',
      state,
      problem: opts.problem,
      ...(opts.status ? { status: opts.status } : {}),
    },
    <StepForm state={state} csrf={c.var.csrfToken}>
      <Radios
        legend="Which resources?"
        name="scope"
        value={all ? 'all' : 'specific'}
        error={errors.scope}
        options={[
          { value: 'specific', label: 'Specific resources', hint: 'Enter the ARN parts below for each resource type you want.' },
          { value: 'all', label: 'All resources (*)' },
        ]}
      />
      {anywhere.length > 0 ? (
        <p class="hint">
          {anywhere.length === 1 ? 'This action takes' : 'These actions take'} no resource, so{' '}
          {anywhere.length === 1 ? 'it gets' : 'they get'} a statement of {anywhere.length === 1 ? 'its' : 'their'} own on all resources:{' '}
          {anywhere.slice(0, 10).map((a, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <code>{a.action}</code>
            </>
          ))}
          {anywhere.length > 10 ? ` and ${anywhere.length - 10} more` : ''}.
        </p>
      ) : null}
      {types.map(({ type, actions }, index) => {
        const typed = arnParts(type.arn).some((part) => text(form, field(type, part)) !== '') || checked(form, `rt-${type.name}-any`);
        const failed = Object.keys(errors).some((k) => k === `rt-${type.name}` || k.startsWith(`rt-${type.name}-`));
        return (
          <details class="resource-type" open={index < OPEN_TYPES || typed || failed}>
            <summary>
              {type.name}{' '}
              <span class="hint">taken by {actions.length === 1 ? actions[0]!.name : `${actions.length} of the chosen actions`}</span>
            </summary>
            <fieldset class={failed ? 'field has-error' : 'field'} id={`rt-${type.name}`}>
              <legend class="visually-hidden">Resource type {type.name}</legend>
              <p class="hint">
                <code>{type.arn}</code>
                {actions.length > 1 ? (
                  <>
                    <br />
                    Taken by {actions.slice(0, 6).map((a, i) => (i > 0 ? `, ${a.name}` : a.name))}
                    {actions.length > 6 ? ` and ${actions.length - 6} more` : ''}
                  </>
                ) : null}
              </p>
              {errors[`rt-${type.name}`] ? <p class="field-error">{errors[`rt-${type.name}`]}</p> : null}
              {!type.accepted ? (
                <p class="hint">IAM does not accept ARNs of this type in a policy's Resource, so it cannot be chosen here.</p>
              ) : (
                <>
                  {type.anyAccepted ? (
                    <Checkbox
                      name={`rt-${type.name}-any`}
                      label={`Any ${type.name}`}
                      hint={<code>{buildArn(type.arn)}</code>}
                      checked={checked(form, `rt-${type.name}-any`)}
                    />
                  ) : null}
                  {arnParts(type.arn).map((part) => (
                    <TextField
                      label={`${words(part)} (${type.name})`}
                      name={field(type, part)}
                      value={text(form, field(type, part), 600)}
                      error={errors[field(type, part)]}
                      hint={part === 'Account' ? 'Empty for any account' : part === 'Region' ? 'Empty for any region' : undefined}
                      mono
                    />
                  ))}
                </>
              )}
            </fieldset>
          </details>
        );
      })}
      <TextArea
        label="Other resource ARNs (optional)"
        name="extra"
        rows={3}
        value={opts.form ? text(form, 'extra', 20_000) : all ? '' : (editing.resources ?? []).join('\n')}
        error={errors.extra}
        hint="One ARN per line, wildcards allowed: arn:aws:s3:::my-bucket/reports/*"
      />
      <div class="button-row">
        <button type="submit" name="intent" value="resources">
          Next: conditions
        </button>
        <button type="submit" name="intent" value="back-actions" class="secondary">
          Back: actions
        </button>
      </div>
    </StepForm>,
  );
}

// A part is one ARN segment: no spaces; an account is 12 digits, `*` or a policy variable.
const PART = /^[^\s]{0,512}$/;
const ACCOUNT = /^(\d{12}|\*|\$\{[^}]+\})?$/;

export type ResourcesRead = { ok: true; resources: string[] } | { ok: false; errors: Record<string, string> };

export function readResources(form: Form, editing: EditingStatement): ResourcesRead {
  const scope = text(form, 'scope', 10);
  if (scope === 'all') return { ok: true, resources: ['*'] };
  const errors: Record<string, string> = {};
  if (scope !== 'specific') errors.scope = 'Choose specific resources or all resources';
  const arns: string[] = [];
  for (const { type } of typesFor(editing)) {
    if (!type.accepted) continue;
    const values: Record<string, string> = {};
    for (const part of arnParts(type.arn)) {
      const v = text(form, field(type, part), 600);
      if (!v) continue;
      if (!PART.test(v)) errors[field(type, part)] = `Enter the ${words(part).toLowerCase()} without spaces`;
      else if (part === 'Account' && !ACCOUNT.test(v))
        errors[field(type, part)] = 'Enter a 12-digit account ID, or leave it empty for any account';
      values[part] = v;
    }
    const arn =
      Object.keys(values).length > 0
        ? buildArn(type.arn, values)
        : checked(form, `rt-${type.name}-any`) && type.anyAccepted
          ? buildArn(type.arn)
          : undefined;
    if (!arn) continue;
    // IAM's own rules on save (an IAM ARN has no region, a vendor cannot be a wildcard ...), in its words.
    const problem = resourceArnProblem(arn);
    if (problem) errors[`rt-${type.name}`] = problem;
    else arns.push(arn);
  }
  for (const line of text(form, 'extra', 20_000).split('\n')) {
    const arn = line.trim();
    if (!arn) continue;
    if (!/^arn:[^\s]+$/.test(arn) || arn.length > 2048)
      errors.extra = `Enter each ARN on its own line, starting arn: (not ${arn.slice(0, 60)})`;
    else if (resourceArnProblem(arn)) errors.extra = resourceArnProblem(arn)!;
    else arns.push(arn);
  }
  if (Object.keys(errors).length === 0 && arns.length === 0)
    errors.scope = 'Enter the parts of at least one resource, tick Any for a resource type, or choose All resources';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, resources: [...new Set(arns)] };
}
