// The tag changes on a server certificate's page: add or replace a tag (TagServerCertificate), remove
// one (UntagServerCertificate). One call each, so a refusal changes nothing; it answers with the
// certificate's page and the API's words, a success redirects back with a notice.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { attempt, readForm, redirectWithNotice, text } from '../../render';
import { readTag } from '../instance-profiles/resource-tags';
import { renderCertificate } from './detail';
import { apiProblem, certificatePath, fieldProblem, hasErrors } from './shared';

export const certificateChangePages = new Hono<ConsoleEnv>();

certificateChangePages.post('/:name/tags', async (c) => {
  const name = c.req.param('name');
  const { tag, values, errors } = readTag(await readForm(c));
  if (hasErrors(errors)) return renderCertificate(c, name, fieldProblem(errors, values));
  const r = await attempt(() => c.var.iam.call('TagServerCertificate', { ServerCertificateName: name, Tags: [tag] }));
  if (!r.ok) return renderCertificate(c, name, apiProblem(r.error, values));
  return redirectWithNotice(c, `${certificatePath(name)}#tags`, `Saved tag ${tag.Key} on server certificate ${name}.`);
});

certificateChangePages.post('/:name/tags/remove', async (c) => {
  const name = c.req.param('name');
  const key = text(await readForm(c), 'tag_key', 200);
  if (!key) return renderCertificate(c, name, fieldProblem({ tag_key: 'Choose the tag to remove' }));
  const r = await attempt(() => c.var.iam.call('UntagServerCertificate', { ServerCertificateName: name, TagKeys: [key] }));
  if (!r.ok) return renderCertificate(c, name, apiProblem(r.error));
  return redirectWithNotice(c, `${certificatePath(name)}#tags`, `Removed tag ${key} from server certificate ${name}.`);
});
