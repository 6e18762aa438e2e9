import type { ActionTable } from '../action';

export const accountAliasesActions: ActionTable = {};
