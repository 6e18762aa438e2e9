import { describe, expect, it } from 'vitest';
import { IamError } from '../errors';
import {
  DEFAULT_QUERY_LIMITS,
  parseQuery,
  parseQueryBody,
  readList,
  readString,
  readStringList,
  readStringMap,
  readStructList,
} from './query-params';

function validationError(fn: () => unknown): IamError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(IamError);
    expect((e as IamError).code).toBe('ValidationError');
    return e as IamError;
  }
  throw new Error('expected a ValidationError');
}

describe('AWS Query shapes', () => {
  it('reads scalars, decoding + and percent escapes as form encoding does', () => {
    const p = parseQuery('Action=CreateUser&Version=2010-05-08&UserName=a%2Bb+c&Path=%2Fteam%2F');
    expect(readString(p, 'Action')).toBe('CreateUser');
    expect(readString(p, 'UserName')).toBe('a+b c');
    expect(readString(p, 'Path')).toBe('/team/');
    expect(readString(p, 'Missing')).toBeUndefined();
  });

  it('orders list members by N, not by arrival, and closes gaps', () => {
    const p = parseQuery('ClientIDList.member.10=c&ClientIDList.member.2=b&ClientIDList.member.1=a');
    expect(readStringList(p, 'ClientIDList')).toEqual(['a', 'b', 'c']);
  });

  it('reads lists of structures (Tags.member.N.Key/Value)', () => {
    const p = parseQuery('Tags.member.2.Key=k2&Tags.member.1.Value=v1&Tags.member.1.Key=k1&Tags.member.2.Value=');
    expect(readStructList(p, 'Tags')).toEqual([
      { Key: 'k1', Value: 'v1' },
      { Key: 'k2', Value: '' },
    ]);
  });

  it('reads nested lists (ContextEntries.member.N.ContextKeyValues.member.M)', () => {
    const p = parseQuery(
      [
        'ContextEntries.member.1.ContextKeyName=aws%3ASourceIp',
        'ContextEntries.member.1.ContextKeyType=ip',
        'ContextEntries.member.1.ContextKeyValues.member.2=10.0.0.2',
        'ContextEntries.member.1.ContextKeyValues.member.1=10.0.0.1',
        'ContextEntries.member.2.ContextKeyName=aws%3AMultiFactorAuthPresent',
        'ContextEntries.member.2.ContextKeyValues.member.1=true',
      ].join('&'),
    );
    expect(readStructList(p, 'ContextEntries')).toEqual([
      { ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['10.0.0.1', '10.0.0.2'] },
      { ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyValues: ['true'] },
    ]);
  });

  it('reads maps (Name.entry.N.key/value)', () => {
    const p = parseQuery('Attributes.entry.2.key=b&Attributes.entry.2.value=2&Attributes.entry.1.key=a&Attributes.entry.1.value=1');
    expect(readStringMap(p, 'Attributes')).toEqual({ a: '1', b: '2' });
  });

  it("treats AWS's empty-list form `Name=` and an absent list as []", () => {
    const p = parseQuery('Tags=');
    expect(readList(p, 'Tags')).toEqual([]);
    expect(readList(p, 'Other')).toEqual([]);
  });

  it('keeps a parameter named __proto__ as data, not as a prototype', () => {
    const p = parseQuery('__proto__.polluted=yes&Tags.member.1.__proto__=x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(Object.hasOwn(p, '__proto__')).toBe(true);
  });
});

describe('hostile or malformed input ends in ValidationError, never a crash', () => {
  it('malformed percent-encoding does not throw: bad escapes stay literal, bad UTF-8 becomes U+FFFD', () => {
    const p = parseQuery('UserName=%E0%A4%A&Path=%zz&Bad=%');
    expect(readString(p, 'UserName')).toBe('\uFFFD%A');
    expect(readString(p, 'Path')).toBe('%zz');
    expect(readString(p, 'Bad')).toBe('%');
  });

  it('a duplicated parameter is refused (no first-wins/last-wins ambiguity)', () => {
    expect(validationError(() => parseQuery('UserName=alice&UserName=root')).message).toContain("'UserName'");
  });

  it('too many parameters', () => {
    const body = Array.from({ length: DEFAULT_QUERY_LIMITS.maxParams + 1 }, (_, i) => `P${i}=x`).join('&');
    validationError(() => parseQueryBody(body));
  });

  it('a list index above the limit, zero, padded or not a number', () => {
    validationError(() => parseQuery(`Tags.member.${DEFAULT_QUERY_LIMITS.maxIndex + 1}.Key=k`));
    validationError(() => parseQuery('Tags.member.0.Key=k'));
    validationError(() => parseQuery('Tags.member.01.Key=k'));
    validationError(() => parseQuery('Tags.member.x.Key=k'));
    validationError(() => parseQuery('Tags.member.99999999999999999999=k'));
  });

  it('nesting deeper than the limit', () => {
    validationError(() => parseQuery(`${Array.from({ length: DEFAULT_QUERY_LIMITS.maxDepth + 1 }, () => 'a').join('.')}=x`));
  });

  it('a name that is both a value and a structure, in either order', () => {
    validationError(() => parseQuery('Tags=x&Tags.member.1.Key=k'));
    validationError(() => parseQuery('Tags.member.1.Key=k&Tags=x'));
  });

  it('empty segments and an index-less member', () => {
    validationError(() => parseQuery('Tags..Key=k'));
    validationError(() => parseQuery('Tags.member=k'));
  });

  it('a map entry without a key', () => {
    validationError(() => parseQuery('Attributes.entry.1.value=v'));
  });

  it('a reader asked for the wrong shape says so', () => {
    const p = parseQuery('UserName=alice&Tags.member.1.Key=k');
    validationError(() => readString(p, 'Tags'));
    validationError(() => readList(p, 'UserName'));
    validationError(() => readStringList(p, 'Tags'));
  });

  it('a large but legal list stays fast (linear parse)', () => {
    const n = DEFAULT_QUERY_LIMITS.maxIndex;
    const body = Array.from({ length: n }, (_, i) => `L.member.${n - i}=${n - i}`).join('&');
    const list = readStringList(parseQuery(body), 'L');
    expect(list).toHaveLength(n);
    expect(list[0]).toBe('1');
    expect(list[n - 1]).toBe(String(n));
  });
});
