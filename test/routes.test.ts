import { describe, expect, it } from 'vitest';
import { workerForPath } from '../src/routes';

describe('gateway routing', () => {
  it.each([
    ['/', 'identity'],
    ['/security-status', 'identity'],
    ['/signin-settings', 'identity'],
    ['/authorize', 'policy'],
    ['/authorize/batch', 'policy'],
    ['/signin', 'signin'],
    ['/signin/123456789012', 'signin'],
    ['/api/signin', 'signin'],
    ['/api/signout', 'signin'],
    ['/.well-known/jwks.json', 'signin'],
    ['/authorizer', 'identity'],
  ] as const)('%s goes to %s', (path, worker) => {
    expect(workerForPath(path)).toBe(worker);
  });
});
