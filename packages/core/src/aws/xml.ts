// Renders AWS Query protocol responses (IAM, STS) as the XML the AWS CLI and SDKs parse: a result
// wrapped in <{Action}Response><{Action}Result>, and errors as <ErrorResponse>. This is the one place
// an IamError becomes AWS XML. Escaping is left to fast-xml-parser's builder, never to templates. Whether
// the Result element is there follows botocore's model (botocore-operations.ts), as clients parse by it.

import { XMLBuilder } from 'fast-xml-parser';
import { toIamError, type IamError } from '../errors';
import { BOTOCORE_OPERATIONS } from './botocore-operations';

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * A value in a result. Plain arrays render as AWS lists (`<member>` per item); structures are plain
 * objects; maps need `xmlMap` because they are indistinguishable from structures otherwise.
 * undefined and null members are omitted, as AWS omits absent optional fields.
 */
export type XmlValue = string | number | bigint | boolean | Date | XmlMap | XmlValue[] | XmlStruct | null | undefined;
export interface XmlStruct {
  [element: string]: XmlValue;
}

/** Marker for an AWS map: `<entry><key>k</key><value>v</value></entry>` per pair (e.g. SummaryMap). */
export class XmlMap {
  constructor(readonly entries: ReadonlyArray<readonly [string, XmlValue]>) {}
}

export function xmlMap(pairs: Record<string, XmlValue> | ReadonlyArray<readonly [string, XmlValue]>): XmlMap {
  return new XmlMap(Array.isArray(pairs) ? pairs : Object.entries(pairs));
}

/** AWS timestamps: ISO 8601 in UTC without milliseconds, e.g. 2026-11-28T07:25:11Z. */
export function awsTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

type Tree = string | { [element: string]: Tree | Tree[] };

/** Converts a result value into the plain shape XMLBuilder renders; undefined means "omit". */
function toTree(value: XmlValue): Tree | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return awsTimestamp(value);
  if (Array.isArray(value)) {
    // An empty list still renders (<Users/>), because clients expect the element to be there.
    return { member: value.map((item) => toTree(item) ?? '') };
  }
  if (value instanceof XmlMap) {
    return { entry: value.entries.map(([key, v]) => ({ key, value: toTree(v) ?? '' })) };
  }
  const out: { [element: string]: Tree } = {};
  for (const [name, child] of Object.entries(value)) {
    const tree = toTree(child);
    if (tree !== undefined) out[name] = tree;
  }
  return out;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  processEntities: true,
});

const declaration = { '@_version': '1.0', '@_encoding': 'UTF-8' };

/**
 * Whether the response carries `<{Action}Result>`, as botocore's model says: always when the operation's
 * output has a resultWrapper (boto3 and the AWS CLI raise KeyError without it, even when nothing is in it,
 * as for UpdateRole), never when the operation has no output (DeleteUser). An action botocore does not know
 * gets the element only when it has content.
 */
export function carriesResult(action: string, namespace: string, hasContent: boolean): boolean {
  const op = BOTOCORE_OPERATIONS[namespace === STS_NAMESPACE ? 'sts' : 'iam'][action];
  if (op === undefined || op.result === 'bare') return hasContent;
  return op.result === 'wrapped';
}

/** `<{Action}Response xmlns=ns><{Action}Result>...</{Action}Result><ResponseMetadata>...` */
export function renderResult(action: string, result: XmlStruct | undefined, requestId: string, namespace: string = IAM_NAMESPACE): string {
  const tree = result === undefined ? undefined : toTree(result);
  const content = typeof tree === 'object' ? tree : {};
  const withResult = carriesResult(action, namespace, Object.keys(content).length > 0);
  return builder.build({
    '?xml': declaration,
    [`${action}Response`]: {
      '@_xmlns': namespace,
      ...(withResult ? { [`${action}Result`]: content } : {}),
      ResponseMetadata: { RequestId: requestId },
    },
  }) as string;
}

/** `<ErrorResponse xmlns=ns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` */
export function renderError(err: IamError, requestId: string, namespace: string = IAM_NAMESPACE): string {
  return builder.build({
    '?xml': declaration,
    ErrorResponse: {
      '@_xmlns': namespace,
      Error: {
        Type: err.type,
        Code: err.code,
        Message: err.message,
        // An AccessDenied's sealed explanation, for sts:DecodeAuthorizationMessage (authz/authorization-message.ts).
        ...(typeof err.details?.encodedAuthorizationMessage === 'string'
          ? { EncodedAuthorizationMessage: err.details.encodedAuthorizationMessage }
          : {}),
      },
      RequestId: requestId,
    },
  }) as string;
}

const XML_HEADERS = { 'content-type': 'text/xml' };

/** A complete success response; AWS also echoes the request id as x-amzn-RequestId. */
export function xmlResultResponse(action: string, result: XmlStruct | undefined, requestId: string, namespace?: string): Response {
  return new Response(renderResult(action, result, requestId, namespace), {
    status: 200,
    headers: { ...XML_HEADERS, 'x-amzn-requestid': requestId },
  });
}

/** A complete error response for anything thrown; non-IamErrors become an opaque ServiceFailure. */
export function xmlErrorResponse(thrown: unknown, requestId: string, namespace?: string): Response {
  const err = toIamError(thrown);
  return new Response(renderError(err, requestId, namespace), {
    status: err.status,
    headers: { ...XML_HEADERS, 'x-amzn-requestid': requestId },
  });
}
