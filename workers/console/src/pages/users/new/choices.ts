// What the permissions step offers to choose from: groups (ListGroups), managed policies (ListPolicies,
// Scope=All: AWS's and the account's own) and users to copy from (ListUsers), each filtered by a name
// the person typed. The IAM API has no name filter, so names are read in pages of 1,000 and filtered
// here, up to a bound per request; a person with many entities narrows with the filter. A list the
// person may not read comes back as the API's message, shown in its place, not as an error page.
import type { ConsoleContext } from '../../../env';
import { scan } from '../../../lists';

export type { Choices } from '../../../lists';

const contains = (name: string, filter: string) => name.toLowerCase().includes(filter.toLowerCase());

export interface GroupChoice {
  GroupName: string;
}
export interface PolicyChoice {
  PolicyName: string;
  Arn: string;
  Description?: string;
}
export interface UserChoice {
  UserName: string;
}

export const groupChoices = (c: ConsoleContext, filter: string) =>
  scan<GroupChoice>(c, 'ListGroups', {}, 'Groups', (g) => contains(g.GroupName, filter));

export const policyChoices = (c: ConsoleContext, filter: string) =>
  scan<PolicyChoice>(c, 'ListPolicies', { Scope: 'All' }, 'Policies', (p) => contains(p.PolicyName, filter));

export const userChoices = (c: ConsoleContext, filter: string) =>
  scan<UserChoice>(c, 'ListUsers', {}, 'Users', (u) => contains(u.UserName, filter), 20);

/** An ARN's policy name (AWS-managed and customer-managed ARNs end in the name). */
export const policyNameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
