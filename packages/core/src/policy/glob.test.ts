// Wildcard and ARN pattern matching, including the pathological patterns that would make a
// backtracking matcher take exponential time.

import { describe, expect, it } from 'vitest';
import { arnColons, compileArnPattern, matchArnPattern } from './arn';
import { compileGlob, compileGlobParts, matchGlob } from './glob';

const glob = (p: string, s: string): boolean => matchGlob(compileGlob(p), s);
const arn = (p: string, s: string): boolean => matchArnPattern(compileArnPattern([{ text: p, wild: true }]), s, arnColons(s));

describe('glob', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['', '', true],
    ['', 'a', false],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*', 'a', true],
    ['a*', 'ba', false],
    ['*a', 'ba', true],
    ['*a', 'ab', false],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['a*b?d', 'abxbcd', true],
    ['*?', '', false],
    ['*?', 'x', true],
    ['a**b', 'ab', true],
    ['s3:get*', 's3:getobject', true],
    ['*ab*ab*', 'abab', true],
    ['*ab*ab*', 'aba', false],
    ['?*?', 'ab', true],
    ['?*?', 'a', false],
    ['ab*ba', 'aba', false],
  ])('`%s` against `%s` is %s', (p, s, want) => {
    expect(glob(p, s)).toBe(want);
  });

  it('treats substituted text literally', () => {
    const g = compileGlobParts([
      { text: 'home/', wild: true },
      { text: 'a*b', wild: false },
      { text: '/*', wild: true },
    ]);
    expect(matchGlob(g, 'home/a*b/x')).toBe(true);
    expect(matchGlob(g, 'home/aXb/x')).toBe(false);
  });

  it('matches sub-ranges without slicing', () => {
    expect(matchGlob(compileGlob('b*'), 'abcd', 1, 3)).toBe(true);
    expect(matchGlob(compileGlob('*d'), 'abcd', 1, 3)).toBe(false);
  });

  // Threat: a policy author (or a request) with a pathological pattern makes every decision slow.
  it('is linear on pathological patterns', () => {
    const text = 'a'.repeat(100_000);
    const started = performance.now();
    expect(glob('a*a*a*a*a*b', text)).toBe(false);
    expect(glob('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c*', text)).toBe(false);
    expect(glob('?*?*?*?*?*?*?*?*?*?*b', text)).toBe(false);
    expect(glob(`${'a*'.repeat(500)}b`, text)).toBe(false);
    expect(glob(`*${'a'.repeat(1000)}b*`, text)).toBe(false);
    expect(glob('a*a*a*a*a*a', text)).toBe(true);
    // Generous bound for slow CI; exponential backtracking would take minutes.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('ARN patterns', () => {
  it.each([
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
    ['arn:aws:s3:::bucket*', 'arn:aws:s3:::bucket/x', true],
    ['arn:aws:ec2:*:123456789012:instance/*', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1', true],
    // a `*` in the region cannot swallow the account segment, nor a resource type move into the account
    ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:us-east-1:1:2:instance/x', false],
    ['arn:aws:ec2:us*1:123456789012:*', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1', true],
    ['arn:aws:ec2:us*:instance/*', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1', true], // fewer than six parts: one plain pattern (validation warns)
    ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1', true],
    ['arn:aws:ec2:us-*:*:*', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-1', false],
    ['arn:aws:logs:*:*:log-group:app:*', 'arn:aws:logs:us-east-1:1:log-group:app:log-stream:x', true],
    ['arn:aws:iam::123456789012:user/*', 'arn:aws:iam::123456789012:user/team/alice', true],
    ['arn:aws:iam::123456789012:user/?ob', 'arn:aws:iam::123456789012:user/bob', true],
    ['arn:aws:iam::123456789012:user/Bob', 'arn:aws:iam::123456789012:user/bob', false],
    ['arn:aws:s3:::bucket/*', 'not-an-arn', false],
    ['*', 'not-an-arn', true],
  ])('`%s` against `%s` is %s', (p, s, want) => {
    expect(arn(p, s)).toBe(want);
  });
});
