// `POST /validate-policy`: checks a policy document as IAM would on save and reports every error and
// warning with its JSON path (Access Analyzer's ValidatePolicy in spirit; not an AWS API here). The
// warnings include condition keys this service never sets for the IAM and STS actions a statement names:
// AWS accepts such a policy and so do the Create*/Put* actions, so the warning is shown here and in
// the console's policy editor. So are actions the AWS Service Authorization Reference does not have
// (`s3:GetObjet`, with the nearest real name), unknown service prefixes and wildcards that match no
// action: IAM saves those too, and a misspelt action grants or denies nothing. Authorized as `iam:ValidatePolicy` on `*`; it reads nothing from the
// account, but it is a service like any other and anonymous callers get nothing.
import { Hono } from 'hono';
import { z } from 'zod';
import { unsetConditionKeyWarnings } from '@edge-iam/core/authz';
import { unknownActionWarnings } from '@edge-iam/core/catalogue';
import { jsonError, readJsonBody } from '@edge-iam/core/http';
import { parsePolicy, type Diagnostic, type PolicyKind } from '@edge-iam/core/policy';
import type { IdentityEnv } from './env';
import { jsonAction } from './request-setup';

const KINDS: Record<string, PolicyKind> = {
  IDENTITY_POLICY: 'identity',
  RESOURCE_POLICY: 'resource',
  TRUST_POLICY: 'trust',
  PERMISSIONS_BOUNDARY: 'boundary',
  SESSION_POLICY: 'session',
};

const body = z
  .object({
    policyDocument: z.string().min(1).max(131072),
    policyType: z.enum(Object.keys(KINDS) as [string, ...string[]]).default('IDENTITY_POLICY'),
  })
  .strict();

const finding = (d: Diagnostic) => ({
  findingType: d.severity === 'error' ? 'ERROR' : 'WARNING',
  issueCode: d.code,
  path: d.path,
  message: d.message,
});

/** Names the catalogue does not have, read from the document as written (parsePolicy accepted its JSON or not). */
function actionWarnings(text: string) {
  try {
    return unknownActionWarnings(JSON.parse(text));
  } catch {
    return [];
  }
}

export const validatePolicyRoutes = new Hono<IdentityEnv>();

validatePolicyRoutes.post('/', jsonAction('ValidatePolicy'), async (c) => {
  const ctx = c.var.actionContext;
  await ctx.authorize('*');
  const input = await readJsonBody(c, body);
  const kind = KINDS[input.policyType]!;
  // IAM's rules on save (ARN-shaped resources, trust-policy actions) for the documents IAM stores.
  const iam = kind === 'identity' || kind === 'trust' || kind === 'boundary' ? { iam: {} } : {};
  const parsed = parsePolicy(input.policyDocument, kind, { maxSize: 131072, ...iam });
  const diagnostics = parsed.ok
    ? [...parsed.warnings, ...unsetConditionKeyWarnings(parsed.policy), ...actionWarnings(input.policyDocument)]
    : [...parsed.errors, ...parsed.warnings, ...actionWarnings(input.policyDocument)];
  return c.json({ valid: parsed.ok, findings: diagnostics.map(finding) });
});

validatePolicyRoutes.onError((err, c) => jsonError(c, err));
