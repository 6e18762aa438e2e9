// The same Query protocol results as JSON, for a client that sends `Accept: application/json` (AWS's
// Query services answer that way too): `{"<Action>Response": {"<Action>Result": {...},
// "ResponseMetadata": {"RequestId": ...}}}`, and errors as `{"Error": {"Type","Code","Message"},
// "RequestId"}`. Lists are arrays, maps objects, timestamps AWS's ISO form. The console reads these.
import { toIamError } from '../errors';
import { XmlMap, awsTimestamp, type XmlStruct, type XmlValue } from './xml';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function toJson(value: XmlValue): JsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return awsTimestamp(value);
  if (Array.isArray(value)) return value.map((item) => toJson(item) ?? null);
  if (value instanceof XmlMap) return Object.fromEntries(value.entries.map(([k, v]) => [k, toJson(v) ?? null]));
  const out: { [key: string]: JsonValue } = {};
  for (const [name, child] of Object.entries(value)) {
    const v = toJson(child);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** True when the client asked for JSON rather than XML. */
export const wantsJson = (accept: string | undefined | null): boolean => /^application\/json\b/i.test(accept?.trim() ?? '');

export function jsonResultResponse(action: string, result: XmlStruct | undefined, requestId: string): Response {
  const body = {
    [`${action}Response`]: {
      [`${action}Result`]: (result === undefined ? {} : toJson(result)) ?? {},
      ResponseMetadata: { RequestId: requestId },
    },
  };
  return Response.json(body, { headers: { 'x-amzn-requestid': requestId } });
}

export function jsonErrorResponse(thrown: unknown, requestId: string): Response {
  const err = toIamError(thrown);
  return Response.json(
    { Error: { Type: err.type, Code: err.code, Message: err.message }, RequestId: requestId },
    { status: err.status, headers: { 'x-amzn-requestid': requestId } },
  );
}
