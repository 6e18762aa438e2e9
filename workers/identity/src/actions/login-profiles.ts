import type { ActionTable } from '../action';

export const loginProfilesActions: ActionTable = {};
