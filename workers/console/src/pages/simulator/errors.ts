// Where the simulator's API errors belong on the form. The service names what it refused in its
// message (`PolicyInputList.2 is not a valid identity-based policy: ...`, `Context key aws:SourceIp of
// type ip has the value ...`, or a ValidationError's `Value at 'actionNames.1.member'`), so the page
// can put the person's attention on that field, with the service's own words, rather than only at
// the top of a long form. The field shows the service's message itself; the summary links to it.
import type { Draft } from './draft';

/** The form field an API message is about, or undefined when it is about the request as a whole. */
export function fieldOfMessage(message: string, d: Draft): string | undefined {
  const input = /\bPolicyInputList\.(\d+)/i.exec(message);
  if (input && !/PermissionsBoundaryPolicyInputList/i.test(message)) return `policy_${Number(input[1]) - 1}`;
  if (/PermissionsBoundaryPolicyInputList/i.test(message)) return 'boundary';
  if (/^ResourcePolicy\b|'resourcePolicy'/.test(message)) return 'resource_policy';
  if (/CallerArn|'callerArn'/.test(message)) return 'caller_arn';
  if (/ResourceArns|'resourceArns|(\d+) actions x (\d+) resources/.test(message))
    return /ResourceArns lists|'resourceArns/.test(message) ? 'resources' : 'actions';
  if (/'actionNames/.test(message)) return 'actions';
  if (/PolicySourceArn|'policySourceArn'|^The (user|group|role) with name/.test(message)) return 'principal';
  const key = /^Context key (\S+)/.exec(message);
  if (key) {
    const i = d.context.findIndex((r) => r.key.toLowerCase() === key[1]!.toLowerCase());
    if (i >= 0) return `ctx_values_${i}`;
  }
  const entry = /'contextEntries\.(\d+)\.member\.(contextKey\w+)/.exec(message);
  if (entry) {
    // The API numbers the entries sent: the rows with values, not every row on the form.
    const sent = d.context.flatMap((r, i) => (r.key && r.values !== '' ? [i] : []));
    const row = sent[Number(entry[1]) - 1];
    if (row !== undefined)
      return `${entry[2] === 'contextKeyName' ? 'ctx_key' : entry[2] === 'contextKeyType' ? 'ctx_type' : 'ctx_values'}_${row}`;
  }
  return undefined;
}
