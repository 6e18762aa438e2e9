// The Tags section's changes: add or replace a tag (TagRole) and remove one (UntagRole). AWS's limits
// are checked first (key and value length and characters, 50 tags a role), so bad input is a 400
// beside the field and nothing is changed; the API's own refusal shows in its words.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../../env';
import { attempt, readForm, text } from '../../../render';
import { apiProblem, backToSection, fieldProblem, getRole, MAX_TAGS, tagKeyProblem, tagValueProblem } from '../shared';
import { renderRole } from './view';

export const tagRoutes = new Hono<ConsoleEnv>();

tagRoutes.post('/:name/tags', async (c) => {
  const form = await readForm(c);
  const role = await getRole(c, c.req.param('name'));
  const n = role.RoleName;
  // Read longer than allowed, so a too-long value is reported rather than silently cut.
  const values = { tag_key: text(form, 'tag_key', 200), tag_value: text(form, 'tag_value', 400) };
  const errors: Record<string, string> = {};
  const key = tagKeyProblem(values.tag_key);
  if (key) errors.tag_key = key;
  const value = tagValueProblem(values.tag_value);
  if (value) errors.tag_value = value;
  const tags = role.Tags ?? [];
  const replaces = tags.some((t) => t.Key.toLowerCase() === values.tag_key.toLowerCase());
  if (!key && !replaces && tags.length >= MAX_TAGS) errors.tag_key = `A role can have at most ${MAX_TAGS} tags: remove one first`;
  if (Object.keys(errors).length) return renderRole(c, n, fieldProblem(errors, values));
  const r = await attempt(() => c.var.iam.call('TagRole', { RoleName: n, Tags: [{ Key: values.tag_key, Value: values.tag_value }] }));
  if (!r.ok) return renderRole(c, n, apiProblem(r.error, values));
  return backToSection(c, n, 'tags', `Saved tag ${values.tag_key} on ${n}.`);
});

tagRoutes.post('/:name/tags/remove', async (c) => {
  const name = c.req.param('name');
  const key = text(await readForm(c), 'tag_key', 128);
  const r = await attempt(() => c.var.iam.call('UntagRole', { RoleName: name, TagKeys: [key] }));
  if (!r.ok) return renderRole(c, name, apiProblem(r.error));
  return backToSection(c, name, 'tags', `Removed tag ${key} from ${name}.`);
});
