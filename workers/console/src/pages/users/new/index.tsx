// /console/users/new: the add-user wizard, one question per page, without script. GET starts it; each
// step's form posts to /new/<step> with the answers so far (a hidden draft) and `op`: next (checks
// this step's answers, then shows the next step), back, a Change from the review, or a step's own
// action (filter a list, add tag rows, open "Create group"). Steps answer POSTs with the next page
// directly rather than redirecting, because the state lives only in the form. "Create user" answers
// with the page that shows the new secrets once.
import { Hono } from 'hono';
import type { ConsoleContext, ConsoleEnv } from '../../../env';
import { attempt, readForm, statusFor, text, type Form } from '../../../render';
import { resolvePermissions, createUser } from './create';
import { detailsPage, existingUserError, readDetails } from './details';
import { detailsErrors, DRAFT_FIELD, emptyDraft, neighbour, parseDraft, stepsOf, tagErrors, type Draft, type Step } from './draft';
import type { StepView } from './frame';
import { createGroup, groupPage, readGroup } from './group';
import { passwordErrors, passwordPage, readPassword } from './password';
import { loadPasswordPolicy } from './password-policy';
import { permissionErrors, permissionsPage, readFilters, readPermissions, type Filters } from './permissions';
import { reviewPage } from './review';
import { successPage } from './success';
import { readTags, tagsPage } from './tags';

export const newUserPages = new Hono<ConsoleEnv>();

// The draft with 50 tags and 100 chosen policy ARNs is well under this; the worker caps bodies at 256 KiB.
const MAX_DRAFT_CHARS = 128 * 1024;

async function posted(c: ConsoleContext): Promise<{ form: Form; draft: Draft; op: string }> {
  const form = await readForm(c);
  return { form, draft: parseDraft(text(form, DRAFT_FIELD, MAX_DRAFT_CHARS)), op: text(form, 'op', 32) || 'next' };
}

function show(c: ConsoleContext, step: Step, d: Draft, view: StepView & { filters?: Filters } = {}) {
  switch (step) {
    case 'details':
      return detailsPage(c, d, view);
    case 'password':
      return passwordPage(c, d, view);
    case 'permissions':
      return permissionsPage(c, d, view);
    case 'tags':
      return tagsPage(c, d, view);
    case 'review':
      return reviewPage(c, { ...d, reviewing: true }, view);
  }
}

/** After a valid step: the review again if the person came from its "Change", else the next step. */
const forward = (c: ConsoleContext, step: Step, d: Draft) => show(c, d.reviewing ? 'review' : neighbour(d, step, 1), d);

/** Back, or a "Change" from the review (`goto-<step>`), shows that step with what was entered kept. */
function navigation(c: ConsoleContext, step: Step, d: Draft, op: string) {
  if (op === 'back') return show(c, neighbour(d, step, -1), d);
  const target = op.slice('goto-'.length) as Step;
  if (op.startsWith('goto-') && stepsOf(d).includes(target)) return show(c, target, d);
  return null;
}

newUserPages.get('/', (c) => detailsPage(c, emptyDraft()));
// A step's address opened directly (a bookmark, a reload turned into GET) has no answers: start over.
newUserPages.get('/:step', (c) => c.redirect('/console/users/new', 303));

newUserPages.post('/details', async (c) => {
  const { form, draft } = await posted(c);
  const d = readDetails(form, draft);
  const errors = detailsErrors(d);
  if (Object.keys(errors).length) return detailsPage(c, d, { errors, status: 400 });
  const taken = await existingUserError(c, d.userName);
  if (taken) return detailsPage(c, d, { errors: { userName: taken }, status: 409 });
  // Console access newly ticked from the review: its password step comes first.
  if (d.reviewing && d.console && !draft.console) return show(c, 'password', d);
  return forward(c, 'details', d);
});

newUserPages.post('/password', async (c) => {
  const { form, draft, op } = await posted(c);
  const d = readPassword(form, draft);
  const nav = navigation(c, 'password', d, op);
  if (nav) return nav;
  const known = await loadPasswordPolicy(c);
  const { errors, message } = passwordErrors(d, known);
  if (Object.keys(errors).length) return passwordPage(c, d, { errors, message, status: 400 }, known);
  return forward(c, 'password', d);
});

newUserPages.post('/permissions', async (c) => {
  const { form, draft, op } = await posted(c);
  const d = readPermissions(form, draft);
  const filters = readFilters(form);
  const nav = navigation(c, 'permissions', d, op);
  if (nav) return nav;
  if (op === 'filter') return permissionsPage(c, d, { filters });
  if (op === 'new-group') return groupPage(c, d);
  const errors = permissionErrors(d);
  if (Object.keys(errors).length) return permissionsPage(c, d, { errors, filters, status: 400 });
  if (d.permissionMode === 'copy') {
    // Whether the other user's permissions can be read is known now, not after CreateUser.
    const copied = await attempt(() => resolvePermissions(c, d));
    if (!copied.ok) return permissionsPage(c, d, { errors: { copyFrom: copied.error.message }, filters, status: statusFor(copied.error) });
  }
  return forward(c, 'permissions', d);
});

newUserPages.post('/group', async (c) => {
  const { form, draft, op } = await posted(c);
  const d = readGroup(form, draft);
  if (op === 'back') return permissionsPage(c, { ...d, newGroup: { name: '', policies: [] } });
  if (op === 'filter') return groupPage(c, d, { search: text(form, 'group_policy_search', 128) });
  const r = await createGroup(c, d);
  if (!r.ok) return groupPage(c, r.draft, { errors: r.errors, message: r.message, status: r.status });
  return permissionsPage(c, r.draft, { notice: r.notice, message: r.message });
});

newUserPages.post('/tags', async (c) => {
  const { form, draft, op } = await posted(c);
  const d = readTags(form, draft);
  const nav = navigation(c, 'tags', d, op);
  if (nav) return nav;
  if (op === 'more') return tagsPage(c, d, { extraRows: 5 });
  const errors = tagErrors(d.tags);
  if (Object.keys(errors).length) return tagsPage(c, d, { errors, status: 400 });
  return forward(c, 'tags', d);
});

newUserPages.post('/review', async (c) => {
  const { draft, op } = await posted(c);
  const nav = navigation(c, 'review', draft, op);
  if (nav) return nav;
  const r = await createUser(c, draft);
  if (!r.ok) return show(c, r.refusal.step, draft, r.refusal);
  return successPage(c, r.created);
});
