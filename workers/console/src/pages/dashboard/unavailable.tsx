// What a dashboard panel shows in its place when the API refused to read its data (AccessDenied in
// AWS's words): the rest of the dashboard still renders, because each panel reads on its own.
import type { FC } from 'hono/jsx';
import type { IamError } from '../../render';

export type Read<T> = { ok: true; value: T } | { ok: false; error: IamError };

export const Unavailable: FC<{ error: IamError }> = ({ error }) => (
  <div class="warning">
    <p class="unavailable-title">This information is not available to you.</p>
    <p>{error.message}</p>
  </div>
);
