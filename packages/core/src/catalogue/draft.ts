// The visual editor's draft as it travels between steps in a form field: the finished statements and
// the one being edited. It comes back from the browser, so it is user input and is checked here on every
// step with zod, against the catalogue too: a service the reference does not have, an action the service
// does not have, an operator the editor never writes. Any of these is a tampered draft and is refused.
import { z } from 'zod';
import { getService } from './actions';
import type { Draft, DraftStatement } from './builder';
import { statementActions } from './builder';
import { isKnownOperator } from './conditions';

/** The statement being edited: what the steps so far have chosen. */
export interface EditingStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly service: string;
  readonly actions: readonly string[];
  /** undefined until the resources step is done */
  readonly resources?: readonly string[];
  readonly conditions: DraftStatement['conditions'];
}

export interface DraftState extends Draft {
  readonly editing?: EditingStatement;
}

/** Limits well above what a 6,144-character managed policy can hold, so a real draft never meets them. */
export const DRAFT_LIMITS = { statements: 100, actions: 1000, resources: 200, conditions: 50, values: 50, text: 2048 } as const;

/** Every action name or pattern must name something in the statement's service. */
const actionsExist = (s: { service: string; actions: readonly string[] }) =>
  s.actions.every((a) => a === '*' || statementActions({ service: s.service, actions: [a] }).length > 0);

// Built on first use, not at import: module-level zod calls would keep this module (and the catalogue's
// details it imports) in the bundle of a worker that only checks action names.
function buildSchema() {
  const text = z.string().min(1).max(DRAFT_LIMITS.text);
  const condition = z
    .object({
      operator: z.string().max(64).refine(isKnownOperator, 'unknown condition operator'),
      key: z
        .string()
        .min(1)
        .max(256)
        .regex(/^[A-Za-z0-9._\-]+:[^\s]+$/, 'a condition key is `service:name`'),
      values: z.array(z.string().max(1024)).min(1).max(DRAFT_LIMITS.values),
    })
    .strict();

  const service = z
    .string()
    .max(64)
    .refine((s) => getService(s) !== undefined, 'unknown service');
  const actions = z.array(z.string().min(1).max(128)).max(DRAFT_LIMITS.actions);

  const statement = z
    .object({
      sid: z
        .string()
        .max(128)
        .regex(/^[A-Za-z0-9]*$/)
        .optional(),
      effect: z.enum(['Allow', 'Deny']),
      service,
      actions: actions.min(1),
      resources: z.array(text).min(1).max(DRAFT_LIMITS.resources),
      conditions: z.array(condition).max(DRAFT_LIMITS.conditions),
    })
    .strict()
    .refine(actionsExist, 'an action the service does not have');

  const editing = z
    .object({
      effect: z.enum(['Allow', 'Deny']),
      service,
      actions,
      resources: z.array(text).min(1).max(DRAFT_LIMITS.resources).optional(),
      conditions: z.array(condition).max(DRAFT_LIMITS.conditions),
    })
    .strict()
    .refine(actionsExist, 'an action the service does not have');

  return z
    .object({
      id: z.string().max(128).optional(),
      statements: z.array(statement).max(DRAFT_LIMITS.statements),
      editing: editing.optional(),
    })
    .strict();
}
let schema: ReturnType<typeof buildSchema> | undefined;

export const EMPTY_DRAFT: DraftState = { statements: [] };

/** The draft a form carried, or why it cannot be used. An empty field is a new, empty draft. */
export function parseDraft(field: string): { ok: true; draft: DraftState } | { ok: false; problem: string } {
  if (field.trim() === '') return { ok: true, draft: EMPTY_DRAFT };
  let json: unknown;
  try {
    json = JSON.parse(field);
  } catch {
    return { ok: false, problem: 'the draft policy is not valid JSON' };
  }
  const parsed = (schema ??= buildSchema()).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `the draft policy is not one this editor wrote: ${issue.message} at \`${issue.path.join('.')}\`` };
  }
  const d = parsed.data;
  const draft: DraftState = {
    ...(d.id !== undefined && { id: d.id }),
    statements: d.statements.map((s) => ({ ...s, service: getService(s.service)!.prefix })),
    ...(d.editing && { editing: { ...d.editing, service: getService(d.editing.service)!.prefix } }),
  };
  return { ok: true, draft };
}

/** The field's value: the draft as compact JSON. */
export const draftField = (draft: DraftState): string => JSON.stringify(draft);
