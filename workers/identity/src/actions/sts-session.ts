import type { ActionTable } from '../action';

export const stsSessionActions: ActionTable = {};
