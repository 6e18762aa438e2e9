// The `AWS` principal values of a policy document, and the same document with some of them replaced.
// IAM binds each user or role ARN in a saved trust (or other resource) policy to that principal's
// unique id, and when it returns the policy shows the principal's current ARN in place of the id, or
// the bare id once the principal is gone. Finding the principals is the caller's business (I/O); this
// module only reads and rewrites the document. Only `Principal` and `NotPrincipal` are touched, as in
// AWS: an ARN in a condition (`aws:PrincipalArn`) stays text.

type Json = unknown;

const PRINCIPAL_ELEMENTS = ['Principal', 'NotPrincipal'] as const;

/** Every distinct `AWS` value of the document's Principal and NotPrincipal elements, in order. */
export function awsPrincipalValues(document: string): string[] {
  const seen = new Set<string>();
  visit(parse(document), (v) => {
    seen.add(v);
    return v;
  });
  return [...seen];
}

/**
 * The document with each `AWS` principal value found in `replacements` replaced. A document with
 * nothing to replace comes back exactly as given; otherwise it is re-serialised (compact JSON).
 */
export function replaceAwsPrincipals(document: string, replacements: ReadonlyMap<string, string>): string {
  if (replacements.size === 0) return document;
  const value = parse(document);
  let changed = false;
  visit(value, (v) => {
    const next = replacements.get(v);
    if (next === undefined || next === v) return v;
    changed = true;
    return next;
  });
  return changed ? JSON.stringify(value) : document;
}

function parse(document: string): Json {
  try {
    return JSON.parse(document) as Json;
  } catch {
    return undefined;
  }
}

const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Calls `f` on every `AWS` principal string, in place: `f` returns the value to keep. */
function visit(document: Json, f: (value: string) => string): void {
  if (!isRecord(document)) return;
  const raw = document['Statement'];
  const statements = Array.isArray(raw) ? raw : [raw];
  for (const s of statements) {
    if (!isRecord(s)) continue;
    for (const element of PRINCIPAL_ELEMENTS) {
      const spec = s[element];
      if (!isRecord(spec)) continue;
      const aws = spec['AWS'];
      if (typeof aws === 'string') spec['AWS'] = f(aws);
      else if (Array.isArray(aws)) spec['AWS'] = aws.map((v: Json) => (typeof v === 'string' ? f(v) : v));
    }
  }
}
