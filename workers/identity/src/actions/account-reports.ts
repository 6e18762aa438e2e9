import type { ActionTable } from '../action';

export const accountReportsActions: ActionTable = {};
