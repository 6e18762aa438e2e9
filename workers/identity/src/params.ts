// Parameter validation at the edge of every action, with zod, answered the way AWS answers: a
// ValidationError listing each broken constraint ("1 validation error detected: Value 'x' at
// 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: ...").
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import type { QueryObject } from '@edge-iam/core/aws';

const pattern = (re: RegExp, shown: string) => ({ message: `Member must satisfy regular expression pattern: ${shown}` });
const minLen = (n: number) => ({ message: `Member must have length greater than or equal to ${n}` });
const maxLen = (n: number) => ({ message: `Member must have length less than or equal to ${n}` });

/** A string with AWS's length bounds and (optional) pattern, exactly as the IAM API reference states them. */
export function awsString(min: number, max: number, re?: RegExp, shown?: string) {
  let s = z
    .string({ error: (iss) => (iss.input === undefined ? 'Member must not be null' : 'Member must be a string') })
    .min(min, minLen(min))
    .max(max, maxLen(max));
  if (re) s = s.regex(re, pattern(re, shown ?? re.source));
  return s;
}

export const name64 = awsString(1, 64, /^[\w+=,.@-]+$/, '[\\w+=,.@-]+');
export const name128 = awsString(1, 128, /^[\w+=,.@-]+$/, '[\\w+=,.@-]+');
/**
 * A check IAM makes after the model's constraints, answered with its own whole message instead of the
 * "failed to satisfy constraint" form (validateParams reports it only when the constraints all hold).
 */
const serviceCheck = (message: string) => ({ message, params: { serviceCheck: true } });

export const PATH_MESSAGE =
  'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.';
/** An IAM path (users, groups, roles, policies, instance profiles, MFA devices): `/`, or `/a/b/` with no empty segment. */
export const path = awsString(1, 512).refine((p) => /^(\/|\/[\u0021-\u007E]+\/)$/.test(p) && !p.includes('//'), serviceCheck(PATH_MESSAGE));
export const pathPrefix = awsString(1, 512, /^\/[\u0021-\u007F]*$/, '\\u002F[\\u0021-\\u007F]*');
export const policyDocument = awsString(1, 131072, /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+');
export const arn = awsString(20, 2048);
export const marker = awsString(1, 320, /^[\u0020-\u00FF]+$/, '[\\u0020-\\u00FF]+');
export const description = awsString(
  0,
  1000,
  /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/,
  '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
);
export const accessKeyId = awsString(16, 128, /^[\w]+$/, '[\\w]+');
export const status = z.enum(['Active', 'Inactive'], { error: () => 'Member must satisfy enum value set: [Active, Inactive]' });

/** Query values arrive as text: `true`/`false` for booleans, decimal text for integers. */
export const bool = z.enum(['true', 'false'], { error: () => 'Member must be true or false' }).transform((v) => v === 'true');
export function int(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d{1,10}$/, { message: 'Member must be an integer' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `Member must have value greater than or equal to ${min}` })
        .max(max, { message: `Member must have value less than or equal to ${max}` }),
    );
}
export const maxItems = int(1, 1000);

/** A `Name.member.N` list; AWS's empty-list form `Name=` reads as []. */
export const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === '' ? [] : v), z.array(item));

/** A tag key as IAM defines it (tagKeyType): 1 to 128 letters, digits, spaces and `_.:/=+-@`. */
export const tagKey = awsString(1, 128, /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+');

export const tagList = list(
  z.object({
    Key: tagKey,
    Value: z.preprocess((v) => v ?? '', awsString(0, 256, /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*')),
  }),
).refine((tags) => tags.length <= 50, { message: 'Member must have length less than or equal to 50' });

/** The TagKeys of every Untag* action (tagKeyListType): at most 50 keys, each a valid tag key. */
export const tagKeyList = list(tagKey).refine((keys) => keys.length <= 50, { message: 'Member must have length less than or equal to 50' });

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function describeValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return `'${text.length > 128 ? `${text.slice(0, 128)}...` : text}'`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** Validates an action's parameters; throws ValidationError in AWS's words on any violation. */
export function validateParams<S extends z.ZodType>(schema: S, params: QueryObject): z.output<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const isServiceCheck = (iss: z.core.$ZodIssue) => iss.code === 'custom' && iss.params?.['serviceCheck'] === true;
  const issues = result.error.issues.filter((iss) => !isServiceCheck(iss));
  const service = result.error.issues.find(isServiceCheck);
  if (issues.length === 0 && service) throw new IamError('ValidationError', service.message);
  const parts = issues.map((iss) => {
    // AWS names a list member `tags.1.member.key` (one-based, with `member`, as the Query protocol sends it).
    const at = iss.path.map((p) => (typeof p === 'number' ? `${p + 1}.member` : lowerFirst(String(p)))).join('.');
    const value = iss.code === 'invalid_type' && iss.input === undefined ? 'null' : describeValue(valueAt(params, iss.path));
    return `Value ${value} at '${at}' failed to satisfy constraint: ${iss.message}`;
  });
  throw new IamError('ValidationError', `${parts.length} validation error${parts.length === 1 ? '' : 's'} detected: ${parts.join('; ')}`);
}
