import type { ActionTable } from '../action';

export const passwordPolicyActions: ActionTable = {};
