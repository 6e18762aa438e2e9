// A trust policy in words, statement by statement: who may (or may not) assume the role, with which
// actions and on what conditions. Used by the wizard's preview and the role's Trust relationships.
import type { FC } from 'hono/jsx';
import type { TrustStatement } from './trust';

export const TrustWords: FC<{ statements: readonly TrustStatement[] }> = ({ statements }) =>
  statements.length === 0 ? (
    <p class="muted">The trust policy names no one: no one can assume the role.</p>
  ) : (
    <ul class="role-trust">
      {statements.map((s) => (
        <li>
          <strong>{s.effect === 'Allow' ? 'May assume' : 'May not assume'}:</strong> {s.entities.join(', ') || 'no principal'}
          {s.actions.length ? <span class="hint">Actions: {s.actions.join(', ')}</span> : null}
          {s.conditions.length ? <span class="hint">Conditions: {s.conditions.join('; ')}</span> : null}
        </li>
      ))}
    </ul>
  );
