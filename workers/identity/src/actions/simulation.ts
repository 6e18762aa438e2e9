import type { ActionTable } from '../action';

export const simulationActions: ActionTable = {};
