// Every IAM action this service implements, by name. A name missing here answers InvalidAction.
import type { ActionTable } from '../action';
import { accessKeysActions } from './access-keys';
import { accountActions } from './account';
import { accountAliasesActions } from './account-aliases';
import { accountReportsActions } from './account-reports';
import { loginProfilesActions } from './login-profiles';
import { mfaDevicesActions } from './mfa-devices';
import { passwordPolicyActions } from './password-policy';
import { simulationActions } from './simulation';
import { boundaryActions } from './boundaries';
import { groupsActions } from './groups';
import { inlinePoliciesActions } from './inline-policies';
import { instanceProfilesActions } from './instance-profiles';
import { managedPoliciesActions } from './managed-policies';
import { rolesActions } from './roles';
import { userActions } from './users';

export const iamActions: ActionTable = {
  ...userActions,
  ...groupsActions,
  ...rolesActions,
  ...instanceProfilesActions,
  ...managedPoliciesActions,
  ...inlinePoliciesActions,
  ...boundaryActions,
  ...accessKeysActions,
  ...accountActions,
  ...loginProfilesActions,
  ...passwordPolicyActions,
  ...mfaDevicesActions,
  ...accountAliasesActions,
  ...accountReportsActions,
  ...simulationActions,
};
