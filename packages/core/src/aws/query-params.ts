// Decodes an AWS Query protocol request (`Action=...&Version=...` as application/x-www-form-urlencoded)
// into plain data a route can validate with zod. AWS flattens structures into dotted names:
//   UserName=alice                               scalar
//   PolicyArns.member.2.arn=...                  list of structures (1-based, ordered by N, gaps allowed)
//   Tags.member.1.Key=team&Tags.member.1.Value=x list of structures
//   Attributes.entry.1.key=k&...entry.1.value=v  map
// `nestQueryParams` undoes that in one pass, so every shape (ContextEntries.member.N.ContextKeyValues.
// member.M included) comes out as nested objects and arrays. Hostile input meets limits that answer
// with a ValidationError instead of unbounded work.

import { IamError } from '../errors';

export type QueryValue = string | QueryValue[] | QueryObject;
export interface QueryObject {
  [name: string]: QueryValue;
}

export interface QueryLimits {
  /** Distinct parameters in one request. */
  maxParams: number;
  /** Dot-separated segments in one parameter name. */
  maxDepth: number;
  /** Largest N accepted in `.member.N` / `.entry.N`. */
  maxIndex: number;
  /** Characters in one parameter name. */
  maxNameLength: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxParams: 1000, maxDepth: 12, maxIndex: 1000, maxNameLength: 256 };

const invalid = (message: string) => new IamError('ValidationError', message);
const INDEX = /^[1-9]\d*$/;

/**
 * Parses the form body into a flat name -> value map. Malformed percent-encoding never throws
 * (URLSearchParams keeps it literally). A repeated name is refused rather than resolved: if two
 * layers disagreed about which copy wins, one could check a value the other does not act on.
 */
export function parseQueryBody(body: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(body)) {
    if (name === '') continue;
    if (flat.has(name)) throw invalid(`Parameter '${clip(name)}' was supplied more than once.`);
    if (flat.size >= limits.maxParams) throw invalid(`Request has more than ${limits.maxParams} parameters.`);
    if (name.length > limits.maxNameLength) {
      throw invalid(`Parameter name '${clip(name)}' is longer than ${limits.maxNameLength} characters.`);
    }
    flat.set(name, value);
  }
  return flat;
}

/** Intermediate tree: one node per name segment, leaves hold the decoded string. */
type Node = Map<string, Node | string>;

/**
 * Turns flat dotted names into nested data. `X.member.N...` becomes an array ordered by N, and
 * `X.entry.N.key/value` a record. Linear in the total length of the names, plus sorting each list.
 */
export function nestQueryParams(flat: Map<string, string>, limits: QueryLimits = DEFAULT_QUERY_LIMITS): QueryObject {
  const root: Node = new Map();
  for (const [name, value] of flat) {
    const segments = name.split('.');
    if (segments.length > limits.maxDepth) {
      throw invalid(`Parameter '${clip(name)}' is nested deeper than ${limits.maxDepth} levels.`);
    }
    let node = root;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      if (segment === '') throw invalid(`Parameter name '${clip(name)}' is malformed.`);
      const parent = segments[i - 1];
      if ((parent === 'member' || parent === 'entry') && i > 0) checkIndex(segment, name, limits);
      const last = i === segments.length - 1;
      const existing = node.get(segment);
      if (last) {
        if (existing !== undefined) throw conflict(name);
        node.set(segment, value);
      } else if (existing === undefined) {
        const child: Node = new Map();
        node.set(segment, child);
        node = child;
      } else if (typeof existing === 'string') {
        throw conflict(name);
      } else {
        node = existing;
      }
    }
  }
  return toObject(root);
}

/** Parse and nest in one call: what a route handler usually wants. */
export function parseQuery(body: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): QueryObject {
  return nestQueryParams(parseQueryBody(body, limits), limits);
}

function checkIndex(segment: string, name: string, limits: QueryLimits): void {
  if (!INDEX.test(segment) || segment.length > 10 || Number(segment) > limits.maxIndex) {
    throw invalid(`Parameter '${clip(name)}' has an invalid list index '${clip(segment)}' (expected 1 to ${limits.maxIndex}).`);
  }
}

function conflict(name: string): IamError {
  return invalid(`Parameter '${clip(name)}' is given both as a value and as a structure.`);
}

function convert(node: Node | string): QueryValue {
  if (typeof node === 'string') return node;
  if (node.size === 1) {
    const member = node.get('member');
    if (member !== undefined) return toList(member);
    const entry = node.get('entry');
    if (entry !== undefined) return toMap(entry);
  }
  return toObject(node);
}

function toObject(node: Node): QueryObject {
  // Object.fromEntries defines own properties, so a segment named __proto__ cannot pollute prototypes.
  return Object.fromEntries([...node].map(([k, v]) => [k, convert(v)]));
}

function sortedByIndex(node: Node | string): Array<Node | string> {
  // `Name.member=x` (no index) is not a list AWS could have sent.
  if (typeof node === 'string') throw invalid('A list or map parameter is missing its index (expected .member.N or .entry.N).');
  return [...node].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
}

/** `member.N` children in N order; gaps close up, as AWS reads them. */
function toList(node: Node | string): QueryValue[] {
  return sortedByIndex(node).map(convert);
}

function toMap(node: Node | string): QueryObject {
  const entries: Array<[string, QueryValue]> = [];
  for (const item of sortedByIndex(node)) {
    const key = typeof item === 'string' ? undefined : item.get('key');
    const value = typeof item === 'string' ? undefined : item.get('value');
    if (typeof key !== 'string') throw invalid('Every map entry must have a key.');
    entries.push([key, value === undefined ? '' : convert(value)]);
  }
  return Object.fromEntries(entries);
}

function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}...` : text;
}

// ---- typed readers for the common shapes ------------------------------------------------------

/** A scalar parameter, or undefined when absent. */
export function readString(params: QueryObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || typeof value === 'string') return value;
  throw invalid(`Parameter '${name}' must be a single value.`);
}

/** A list parameter (`Name.member.N`); an absent list or AWS's empty-list form `Name=` reads as []. */
export function readList(params: QueryObject, name: string): QueryValue[] {
  const value = params[name];
  if (value === undefined || value === '') return [];
  if (Array.isArray(value)) return value;
  throw invalid(`Parameter '${name}' must be a list (${name}.member.N).`);
}

/** A list of scalars, e.g. `ClientIDList.member.N`. */
export function readStringList(params: QueryObject, name: string): string[] {
  return readList(params, name).map((item) => {
    if (typeof item === 'string') return item;
    throw invalid(`Every member of '${name}' must be a single value.`);
  });
}

/** A list of structures, e.g. `Tags.member.N.Key` / `.Value`. */
export function readStructList(params: QueryObject, name: string): QueryObject[] {
  return readList(params, name).map((item) => {
    if (typeof item === 'object' && !Array.isArray(item)) return item;
    throw invalid(`Every member of '${name}' must be a structure.`);
  });
}

/** A map parameter (`Name.entry.N.key` / `.value`) of scalars. */
export function readStringMap(params: QueryObject, name: string): Record<string, string> {
  const value = params[name];
  if (value === undefined || value === '') return {};
  if (typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') throw invalid(`Every value of '${name}' must be a single value.`);
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  throw invalid(`Parameter '${name}' must be a map (${name}.entry.N.key / .value).`);
}
