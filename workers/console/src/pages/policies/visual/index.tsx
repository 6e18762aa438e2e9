// /console/policies/visual: the visual policy editor. One statement at a time - a service, Allow or Deny
// and its actions by access level, resources by resource type, conditions - then review, add another,
// and Finish, which posts the JSON back to the JSON editor it was opened from. Server-rendered and
// without script: every step is a POST carrying the draft (checked on each one, it is user input), and
// the button pressed (`intent`) says what to do. The JSON editor opens it by posting `intent=load` with
// its document and `returnTo`; a document it cannot show is said so, with the way back to JSON.
import { Hono } from 'hono';
import {
  DRAFT_LIMITS,
  completeStatement,
  draftField,
  draftFromDocument,
  parseDraft,
  type DraftState,
  type EditingStatement,
} from '@edge-iam/core/catalogue';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { readForm, text, type Form } from '../../../render';
import { readActions, renderActionsStep } from './actions-step';
import { readCondition, readKey, renderConditionsStep, renderConditionValueStep } from './conditions-step';
import { renderRefused } from './frame';
import { readResources, renderResourcesStep, typesFor } from './resources-step';
import { renderCannotShow, renderReview } from './review';
import { readService, renderServiceStep } from './service-step';
import { carriedFromEditor, DEFAULT_RETURN, fresh, isReturnPath, readCarried, type Carried } from './state';

export const visualEditorPages = new Hono<ConsoleEnv>();

const MAX_DOCUMENT = 131_072;

visualEditorPages.get('/', (c) => {
  const returnTo = c.req.query('returnTo') ?? DEFAULT_RETURN;
  if (!isReturnPath(returnTo)) return renderRefused(c, 'The page to return to is not a policy editor of this console.');
  return renderServiceStep(c, fresh(returnTo));
});

/** From the JSON editor: its document read into a draft, or why the visual editor cannot show it. */
function load(c: ConsoleContext, form: Form) {
  const returnTo = text(form, 'returnTo', 2048) || DEFAULT_RETURN;
  if (!isReturnPath(returnTo)) return renderRefused(c, 'The page to return to is not a policy editor of this console.');
  const raw = form.document;
  const document = (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
  const state = fresh(returnTo, carriedFromEditor(form));
  if (!document) return renderServiceStep(c, state);
  if (document.length > MAX_DOCUMENT)
    return renderCannotShow(c, state, document.slice(0, MAX_DOCUMENT), ['the document is longer than 131,072 characters']);
  const loaded = draftFromDocument(document);
  if (!loaded.ok) return renderCannotShow(c, state, document, loaded.problems);
  // The draft must survive its own check on the next step (limits included), or it is not shown.
  const again = parseDraft(draftField(loaded.draft));
  if (!again.ok) return renderCannotShow(c, state, document, [again.problem]);
  return renderReview(c, { ...state, draft: again.draft }, { notes: loaded.notes });
}

const withDraft = (state: Carried, draft: DraftState): Carried => ({ ...state, draft });
const editingIn = (state: Carried, editing: EditingStatement | undefined): Carried => ({
  ...state,
  draft: { ...state.draft, editing },
});
const indexOf = (form: Form, length: number) => {
  const i = Number.parseInt(text(form, 'index', 6), 10);
  return Number.isInteger(i) && i >= 0 && i < length ? i : undefined;
};

visualEditorPages.post('/', async (c) => {
  const form = await readForm(c);
  const intent = text(form, 'intent', 32);
  if (intent === 'load') return load(c, form);
  const read = readCarried(form);
  if (!read.ok) return renderRefused(c, read.problem);
  const state = read.value;
  const editing = state.draft.editing;

  switch (intent) {
    case 'search':
      return renderServiceStep(c, state, { query: text(form, 'q', 100) });
    case 'another':
      return renderServiceStep(c, editingIn(state, undefined));
    case 'review':
      return renderReview(c, editingIn(state, undefined));
    case 'service': {
      const chosen = readService(form);
      if (!chosen.ok) return renderServiceStep(c, state, { problem: { errors: { service: chosen.message } }, status: 400 });
      // Another service starts the statement over; the same one keeps what was chosen.
      const next: EditingStatement =
        editing?.service === chosen.prefix
          ? editing
          : { effect: editing?.effect ?? 'Allow', service: chosen.prefix, actions: [], conditions: [] };
      return renderActionsStep(c, editingIn(state, next), next);
    }
  }

  if (intent === 'remove-statement') {
    const i = indexOf(form, state.draft.statements.length);
    if (i === undefined) return renderRefused(c, 'There is no such statement to remove.');
    return renderReview(
      c,
      withDraft(state, {
        statements: state.draft.statements.filter((_, j) => j !== i),
        ...(state.draft.id !== undefined && { id: state.draft.id }),
      }),
    );
  }
  if (!editing) return renderRefused(c, 'No statement is being edited: choose a service first.');

  switch (intent) {
    case 'back-service':
      return renderServiceStep(c, state);
    case 'back-actions':
      return renderActionsStep(c, state, editing);
    case 'actions': {
      const chosen = readActions(form, editing.service);
      if (!chosen.ok) {
        if (chosen.refused) return renderRefused(c, chosen.refused);
        return renderActionsStep(c, state, editing, { problem: { errors: chosen.errors }, status: 400 });
      }
      const next: EditingStatement = { ...editing, effect: chosen.effect, actions: chosen.actions };
      // Actions that take no resource type leave nothing to choose: the statement is on `*`.
      if (typesFor(next).length === 0) {
        const onAll = { ...next, resources: ['*'] };
        return renderConditionsStep(c, editingIn(state, onAll), onAll);
      }
      return renderResourcesStep(c, editingIn(state, next), next);
    }
    case 'back-resources':
      return typesFor(editing).length === 0 ? renderActionsStep(c, state, editing) : renderResourcesStep(c, state, editing);
    case 'resources': {
      if (editing.actions.length === 0)
        return renderActionsStep(c, state, editing, {
          problem: { errors: { actions: 'Choose at least one action, or All actions' } },
          status: 400,
        });
      const chosen = readResources(form, editing);
      if (!chosen.ok) return renderResourcesStep(c, state, editing, { problem: { errors: chosen.errors }, status: 400, form });
      const next = { ...editing, resources: chosen.resources };
      return renderConditionsStep(c, editingIn(state, next), next);
    }
    case 'conditions':
      return renderConditionsStep(c, state, editing);
    case 'add-condition': {
      const key = readKey(form, editing.service);
      if (!key)
        return renderConditionsStep(c, state, editing, {
          problem: { errors: { key: 'Choose a condition key from the list' } },
          status: 400,
        });
      return renderConditionValueStep(c, state, editing, key);
    }
    case 'condition': {
      const key = readKey(form, editing.service);
      if (!key) return renderRefused(c, 'The condition key is not one this editor offers for the service.');
      const cond = readCondition(form, editing.service, key);
      if (!cond.ok) return renderConditionValueStep(c, state, editing, key, { problem: { errors: cond.errors }, status: 400, form });
      if (editing.conditions.length >= DRAFT_LIMITS.conditions)
        return renderConditionsStep(c, state, editing, {
          problem: { message: `A statement may have at most ${DRAFT_LIMITS.conditions} conditions` },
          status: 400,
        });
      const next = { ...editing, conditions: [...editing.conditions, { operator: cond.operator, key: cond.key, values: cond.values }] };
      return renderConditionsStep(c, editingIn(state, next), next);
    }
    case 'remove-condition': {
      const i = indexOf(form, editing.conditions.length);
      if (i === undefined) return renderRefused(c, 'There is no such condition to remove.');
      const next = { ...editing, conditions: editing.conditions.filter((_, j) => j !== i) };
      return renderConditionsStep(c, editingIn(state, next), next);
    }
    case 'statement-done': {
      if (editing.actions.length === 0)
        return renderActionsStep(c, state, editing, {
          problem: { errors: { actions: 'Choose at least one action, or All actions' } },
          status: 400,
        });
      if (!editing.resources)
        return renderResourcesStep(c, state, editing, { problem: { errors: { scope: 'Choose the resources first' } }, status: 400 });
      const added = completeStatement({ ...editing, resources: editing.resources });
      const statements = [...state.draft.statements, ...added];
      if (statements.length > DRAFT_LIMITS.statements)
        return renderConditionsStep(c, state, editing, {
          problem: { message: `A policy here may have at most ${DRAFT_LIMITS.statements} statements` },
          status: 400,
        });
      return renderReview(c, withDraft(state, { ...state.draft, statements, editing: undefined }));
    }
  }
  return renderRefused(c, 'That is not a step of the visual editor.');
});
