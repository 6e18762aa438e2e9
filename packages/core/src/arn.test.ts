import { describe, expect, it } from 'vitest';
import { assumedRoleArn, formatArn, iamArn, parseArn, parseIamArn, rootArn } from './arn';

describe('ARNs', () => {
  it('builds IAM ARNs with paths as AWS does', () => {
    expect(iamArn('123456789012', 'user', 'tom')).toBe('arn:aws:iam::123456789012:user/tom');
    expect(iamArn('123456789012', 'user', 'tom', '/division/')).toBe('arn:aws:iam::123456789012:user/division/tom');
    expect(rootArn('123456789012')).toBe('arn:aws:iam::123456789012:root');
    expect(assumedRoleArn('123456789012', 'Admin', 's1')).toBe('arn:aws:sts::123456789012:assumed-role/Admin/s1');
  });

  it('parses and formats round trip, keeping colons in the resource part', () => {
    const s = 'arn:aws:s3:::bucket/key:with:colons';
    const arn = parseArn(s)!;
    expect(arn).toEqual({ partition: 'aws', service: 's3', region: '', account: '', resource: 'bucket/key:with:colons' });
    expect(formatArn(arn)).toBe(s);
  });

  it('returns null for things that are not ARNs, never throws', () => {
    for (const bad of ['', 'arn:aws', 'urn:aws:iam::1:user/x', 'arn::iam::1:user/x', 'arn:aws:iam::1:']) {
      expect(parseArn(bad)).toBeNull();
    }
    expect(parseArn(42 as unknown as string)).toBeNull();
  });

  it('splits IAM resource ARNs into type, path and name', () => {
    expect(parseIamArn('arn:aws:iam::123456789012:user/division/tom')).toEqual({
      account: '123456789012',
      type: 'user',
      path: '/division/',
      name: 'tom',
    });
    expect(parseIamArn('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')?.name).toBe('AmazonS3ReadOnlyAccess');
    expect(parseIamArn('arn:aws:s3:::bucket')).toBeNull();
  });
});
