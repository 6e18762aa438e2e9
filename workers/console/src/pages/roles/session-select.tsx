// "Maximum session duration": one to twelve hours, as AWS's console offers it. A role given another
// length through the API (say 5,400 seconds) keeps it as a choice of its own, so editing the role's
// description does not quietly change its sessions.
import type { FC } from 'hono/jsx';
import { duration, MAX_SESSION, MIN_SESSION } from './shared';

export const SessionSelect: FC<{ value: string; error?: string | undefined }> = ({ value, error }) => {
  const hours = Array.from({ length: MAX_SESSION / 3600 }, (_, i) => String((i + 1) * 3600));
  const current = Number(value);
  const custom = Number.isInteger(current) && current >= MIN_SESSION && current <= MAX_SESSION && !hours.includes(value);
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="maxSession">Maximum session duration</label>
      <div class="hint" id="maxSession-hint">
        How long credentials from assuming the role last at most (AssumeRole's DurationSeconds may ask for less). Sessions of roles assumed
        by another role (role chaining) last at most one hour.
      </div>
      {error ? (
        <p class="field-error" id="maxSession-error">
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <select id="maxSession" name="maxSession" aria-describedby={error ? 'maxSession-hint maxSession-error' : 'maxSession-hint'}>
        {custom ? (
          <option value={value} selected>
            {duration(current)} (set through the API)
          </option>
        ) : null}
        {hours.map((s) => (
          <option value={s} selected={s === value}>
            {duration(Number(s))}
          </option>
        ))}
      </select>
    </div>
  );
};
