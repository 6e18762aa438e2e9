// xs:dateTime as SAML uses it (SAML core 1.3.3: UTC, e.g. `2013-11-05T02:06:42.876Z`). A zone offset is
// accepted too; a time without a zone is refused, because its instant is unknowable. Fractions beyond
// milliseconds are truncated (Date keeps milliseconds).

const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

export function parseDateTime(text: string | null): Date | null {
  if (text === null) return null;
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const fraction = m[2] ? `.${m[2].slice(0, 3).padEnd(3, '0')}` : '';
  const date = new Date(`${m[1]}${fraction}${m[3]}`);
  return Number.isNaN(date.getTime()) ? null : date;
}
