// Every IAM action this service implements, by name. A name missing here answers InvalidAction.
import type { ActionTable } from '../action';
import { accessKeysActions } from './access-keys';
import { accountActions } from './account';
import { boundaryActions } from './boundaries';
import { groupsActions } from './groups';
import { inlinePoliciesActions } from './inline-policies';
import { managedPoliciesActions } from './managed-policies';
import { rolesActions } from './roles';
import { userActions } from './users';

export const iamActions: ActionTable = {
  ...userActions,
  ...groupsActions,
  ...rolesActions,
  ...managedPoliciesActions,
  ...inlinePoliciesActions,
  ...boundaryActions,
  ...accessKeysActions,
  ...accountActions,
};
