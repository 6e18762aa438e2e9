// Every IAM and STS action this service implements, registered once per API. A name missing here
// answers InvalidAction; a name registered twice is an error when the worker starts (never a silent
// override), so adding a family of actions cannot shadow another.
import type { ActionDef, ActionTable } from '../action';
import type { Api } from '../context';
import { accessKeysActions } from './access-keys';
import { accountActions } from './account';
import { accountAliasesActions } from './account-aliases';
import { accountReportsActions } from './account-reports';
import { boundaryActions } from './boundaries';
import { groupsActions } from './groups';
import { inlinePoliciesActions } from './inline-policies';
import { instanceProfilesActions } from './instance-profiles';
import { loginProfilesActions } from './login-profiles';
import { managedPoliciesActions } from './managed-policies';
import { mfaDevicesActions } from './mfa-devices';
import { passwordPolicyActions } from './password-policy';
import { rolesActions } from './roles';
import { simulationActions } from './simulation';
import { stsActions } from './sts';
import { stsSessionActions } from './sts-session';
import { userActions } from './users';

export type ActionRegistry = ReadonlyMap<string, ActionDef>;

/** One flat table of an API's actions from its families; throws on a name registered twice. */
export function register(api: Api, families: readonly ActionTable[]): ActionRegistry {
  const table = new Map<string, ActionDef>();
  for (const family of families) {
    for (const [name, def] of Object.entries(family)) {
      if (table.has(name)) throw new Error(`${api}:${name} is registered twice`);
      table.set(name, def);
    }
  }
  return table;
}

export const registry: Readonly<Record<Api, ActionRegistry>> = {
  iam: register('iam', [
    userActions,
    groupsActions,
    rolesActions,
    instanceProfilesActions,
    managedPoliciesActions,
    inlinePoliciesActions,
    boundaryActions,
    accessKeysActions,
    accountActions,
    loginProfilesActions,
    passwordPolicyActions,
    mfaDevicesActions,
    accountAliasesActions,
    accountReportsActions,
    simulationActions,
  ]),
  sts: register('sts', [stsActions, stsSessionActions]),
};
