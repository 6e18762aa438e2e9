// The JSON editor every role page uses for a policy document (trust policy, inline policy): the
// textarea with its message beside it, and the service's findings placed at their lines under it.
// `judge` asks the service first, so a document with errors is shown back (400) before any write.
import type { FC } from 'hono/jsx';
import type { IamError } from '@edge-iam/core';
import type { ConsoleContext } from '../../env';
import { TextArea } from '../../ui/components';
import { checkPolicy, type Finding, type PolicyType } from '../../ui/policy-editor';
import { PolicyFindings } from '../../ui/policy-editor';

export interface Judgement {
  findings: Finding[];
  /** why the document could not be checked (the save still validates) */
  unavailable?: string | undefined;
  /** the field's message when the document has errors */
  error?: string | undefined;
}

// The API's PolicyDocument bound; a trust policy's own quota (2,048) is the API's to report, in its words.
export const MAX_DOCUMENT = 131072;

/** The service's findings for a document, and the field's message if any is an error. */
export async function judge(c: ConsoleContext, document: string, type: PolicyType): Promise<Judgement> {
  const check = await checkPolicy(c, document, type);
  const errors = check.findings.filter((f) => f.severity === 'error');
  const error = errors.length
    ? errors.length === 1
      ? `The policy has an error: ${errors[0]!.message.replace(/`/g, '')}`
      : `The policy has ${errors.length} errors, listed below it: correct them and try again`
    : undefined;
  return { findings: check.findings, unavailable: check.unavailable, error };
}

/** The document's own problems before asking anyone: empty or over the API's bound. */
export function documentProblem(document: string): string | undefined {
  if (!document) return 'Enter the policy document';
  if (document.length > MAX_DOCUMENT) return 'The policy document must be 131,072 characters or fewer';
  return undefined;
}

/** An API refusal that concerns the document itself goes beside the field, in AWS's words. */
export const isDocumentError = (e: IamError) =>
  e.code === 'MalformedPolicyDocument' || e.code === 'LimitExceeded' || (e.code === 'ValidationError' && /policyDocument/i.test(e.message));

export const PolicyEditor: FC<{
  label: string;
  name: string;
  value: string;
  hint: string;
  error?: string | undefined;
  judgement?: Judgement | undefined;
  rows?: number;
}> = (p) => (
  <div class="role-editor">
    <TextArea label={p.label} name={p.name} value={p.value} hint={p.hint} error={p.error ?? p.judgement?.error} rows={p.rows ?? 16} />
    {p.judgement ? <PolicyFindings findings={p.judgement.findings} field={p.name} unavailable={p.judgement.unavailable} /> : null}
  </div>
);
