// The Groups and Tags sections' changes: add the user to groups (AddUserToGroup for each box ticked),
// remove it from one, add or replace a tag (TagUser), remove one (UntagUser). A refusal answers with
// the detail page and the API's message; nothing is changed by a refused call.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../../env';
import { attempt, list, readForm, statusFor, text } from '../../../render';
import { apiProblem, backToSection, fieldProblem } from './shared';
import { renderUserDetail } from './view';

export const membershipRoutes = new Hono<ConsoleEnv>();

membershipRoutes.post('/:name/groups/add', async (c) => {
  const name = c.req.param('name');
  const groups = list(await readForm(c), 'group', 50);
  if (groups.length === 0) return renderUserDetail(c, name, fieldProblem({ add_groups: 'Choose at least one group to add the user to' }));
  const done: string[] = [];
  for (const group of groups) {
    const r = await attempt(() => c.var.iam.call('AddUserToGroup', { GroupName: group, UserName: name }));
    if (!r.ok) {
      const before = done.length ? ` (added to ${done.join(', ')} before this was refused)` : '';
      return renderUserDetail(c, name, { message: `${r.error.message}${before}`, status: statusFor(r.error) });
    }
    done.push(group);
  }
  return backToSection(c, name, 'groups', `Added ${name} to ${done.length === 1 ? 'group' : 'groups'} ${done.join(', ')}.`);
});

membershipRoutes.post('/:name/groups/remove', async (c) => {
  const name = c.req.param('name');
  const group = text(await readForm(c), 'group', 128);
  const r = await attempt(() => c.var.iam.call('RemoveUserFromGroup', { GroupName: group, UserName: name }));
  if (!r.ok) return renderUserDetail(c, name, apiProblem(r.error));
  return backToSection(c, name, 'groups', `Removed ${name} from group ${group}.`);
});

membershipRoutes.post('/:name/tags', async (c) => {
  const name = c.req.param('name');
  const form = await readForm(c);
  // Not trimmed beyond what text() does: AWS allows inner spaces in keys and values.
  const values = { tag_key: text(form, 'tag_key', 200), tag_value: text(form, 'tag_value', 400) };
  const errors: Record<string, string> = {};
  if (!values.tag_key) errors.tag_key = 'Enter a tag key';
  else if (values.tag_key.length > 128) errors.tag_key = 'The key must be 128 characters or fewer';
  if (values.tag_value.length > 256) errors.tag_value = 'The value must be 256 characters or fewer';
  if (Object.keys(errors).length > 0) return renderUserDetail(c, name, fieldProblem(errors, values));
  const r = await attempt(() => c.var.iam.call('TagUser', { UserName: name, Tags: [{ Key: values.tag_key, Value: values.tag_value }] }));
  if (!r.ok) return renderUserDetail(c, name, apiProblem(r.error, values));
  return backToSection(c, name, 'tags', `Saved tag ${values.tag_key} on ${name}.`);
});

membershipRoutes.post('/:name/tags/remove', async (c) => {
  const name = c.req.param('name');
  const key = text(await readForm(c), 'tag_key', 128);
  const r = await attempt(() => c.var.iam.call('UntagUser', { UserName: name, TagKeys: [key] }));
  if (!r.ok) return renderUserDetail(c, name, apiProblem(r.error));
  return backToSection(c, name, 'tags', `Removed tag ${key} from ${name}.`);
});
