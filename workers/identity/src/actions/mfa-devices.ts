import type { ActionTable } from '../action';

export const mfaDevicesActions: ActionTable = {};
