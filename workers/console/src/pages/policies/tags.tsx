// The Tags section's changes on a customer-managed policy: add or replace a tag (TagPolicy) and remove
// one (UntagPolicy). Bad input answers with the policy page and the message beside the field; a
// refusal (AWS-managed policies cannot be tagged) with the API's words. Neither changes anything.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { readForm, redirectWithNotice, text } from '../../render';
import { arnOf, tagProblems, viewUrl } from './shared';
import { orShowPolicy, renderPolicyDetail } from './view';

export const policyTagPages = new Hono<ConsoleEnv>();

policyTagPages.post('/tags', async (c) => {
  const arn = arnOf(c);
  const form = await readForm(c);
  // Read longer than allowed, so that a too-long value is reported rather than cut.
  const values = { tag_key: text(form, 'tag_key', 200), tag_value: text(form, 'tag_value', 400) };
  const errors = tagProblems({ Key: values.tag_key, Value: values.tag_value }, { key: 'tag_key', value: 'tag_value' });
  if (Object.keys(errors).length > 0) return renderPolicyDetail(c, arn, { errors, status: 400 }, values);
  return orShowPolicy(
    c,
    arn,
    async () => {
      await c.var.iam.call('TagPolicy', { PolicyArn: arn, Tags: [{ Key: values.tag_key, Value: values.tag_value }] });
      return redirectWithNotice(c, viewUrl(arn, 'tags'), `Saved tag ${values.tag_key}.`);
    },
    values,
  );
});

policyTagPages.post('/tags/remove', async (c) => {
  const arn = arnOf(c);
  const key = text(await readForm(c), 'tag_key', 128);
  return orShowPolicy(c, arn, async () => {
    await c.var.iam.call('UntagPolicy', { PolicyArn: arn, TagKeys: [key] });
    return redirectWithNotice(c, viewUrl(arn, 'tags'), `Removed tag ${key}.`);
  });
});
