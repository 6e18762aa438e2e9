// Validation at the edge of the JSON routes, in one wording: a body must be JSON, and the first
// schema violation is a ValidationError naming the field (`` `action`: must look like ... ``).
import type { Context } from 'hono';
import type { z } from 'zod';
import { IamError } from '../errors';

/** Parses `value` with `schema`; the first issue becomes a ValidationError naming its path. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, whole = 'body'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new IamError('ValidationError', `\`${issue.path.join('.') || whole}\`: ${issue.message}`);
}

/** Reads a JSON request body (415 when it is not JSON, 400 when it does not parse) and validates it. */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new IamError('UnsupportedMediaType', 'send the request as JSON (`content-type: application/json`)');
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new IamError('BadRequest', 'the request body is not valid JSON');
  }
  return parseWith(schema, raw);
}
