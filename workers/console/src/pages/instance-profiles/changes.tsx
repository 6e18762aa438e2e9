// The one-form changes on an instance profile's page: add its role (AddRoleToInstanceProfile), remove
// it (RemoveRoleFromInstanceProfile), add or replace a tag (TagInstanceProfile), remove one
// (UntagInstanceProfile). Each is one API call, so a refusal changes nothing; it answers with the
// profile's page and the API's words, a success redirects back with a notice.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { attempt, readForm, redirectWithNotice, text } from '../../render';
import { renderProfile } from './detail';
import { readTag } from './resource-tags';
import { apiProblem, fieldProblem, hasErrors, profilePath, roleNameProblem } from './shared';

export const profileChangePages = new Hono<ConsoleEnv>();

profileChangePages.post('/:name/role', async (c) => {
  const name = c.req.param('name');
  const role = text(await readForm(c), 'role', 200);
  const values = { role };
  const error = roleNameProblem(role);
  if (error) return renderProfile(c, name, fieldProblem({ role: error }, values));
  const r = await attempt(() => c.var.iam.call('AddRoleToInstanceProfile', { InstanceProfileName: name, RoleName: role }));
  if (!r.ok) {
    const p = apiProblem(r.error, values);
    // "The role with name … cannot be found" is about what was typed: shown beside the field.
    return renderProfile(c, name, r.error.code === 'NoSuchEntity' ? { ...p, message: undefined, errors: { role: r.error.message } } : p);
  }
  return redirectWithNotice(c, `${profilePath(name)}#role-section`, `Role ${role} was added to instance profile ${name}.`);
});

profileChangePages.post('/:name/role/remove', async (c) => {
  const name = c.req.param('name');
  const role = text(await readForm(c), 'role', 200);
  const error = roleNameProblem(role);
  if (error) return renderProfile(c, name, fieldProblem({ role: error }));
  const r = await attempt(() => c.var.iam.call('RemoveRoleFromInstanceProfile', { InstanceProfileName: name, RoleName: role }));
  if (!r.ok) return renderProfile(c, name, apiProblem(r.error));
  return redirectWithNotice(c, `${profilePath(name)}#role-section`, `Role ${role} was removed from instance profile ${name}.`);
});

profileChangePages.post('/:name/tags', async (c) => {
  const name = c.req.param('name');
  const { tag, values, errors } = readTag(await readForm(c));
  if (hasErrors(errors)) return renderProfile(c, name, fieldProblem(errors, values));
  const r = await attempt(() => c.var.iam.call('TagInstanceProfile', { InstanceProfileName: name, Tags: [tag] }));
  if (!r.ok) return renderProfile(c, name, apiProblem(r.error, values));
  return redirectWithNotice(c, `${profilePath(name)}#tags`, `Saved tag ${tag.Key} on instance profile ${name}.`);
});

profileChangePages.post('/:name/tags/remove', async (c) => {
  const name = c.req.param('name');
  const key = text(await readForm(c), 'tag_key', 200);
  if (!key) return renderProfile(c, name, fieldProblem({ tag_key: 'Choose the tag to remove' }));
  const r = await attempt(() => c.var.iam.call('UntagInstanceProfile', { InstanceProfileName: name, TagKeys: [key] }));
  if (!r.ok) return renderProfile(c, name, apiProblem(r.error));
  return redirectWithNotice(c, `${profilePath(name)}#tags`, `Removed tag ${key} from instance profile ${name}.`);
});
