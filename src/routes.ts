// Which worker serves which path on the one local origin. Kept as data so the gateway, the README
// and the tests agree.
export type WorkerName = 'identity' | 'policy' | 'signin' | 'console';

const PREFIXES: ReadonlyArray<readonly [string, WorkerName]> = [
  ['/authorize', 'policy'],
  ['/signin', 'signin'],
  ['/signout', 'signin'],
  ['/api/signin', 'signin'],
  ['/api/signout', 'signin'],
  ['/account', 'signin'],
  ['/.well-known/', 'signin'],
  ['/assets/', 'signin'],
  ['/oauth2', 'signin'],
  ['/console', 'console'],
];

/** The worker for a path: the AWS Query API (`POST /`) and anything unclaimed go to identity. */
export function workerForPath(pathname: string): WorkerName {
  for (const [prefix, worker] of PREFIXES) {
    // A prefix claims itself and what lies below it, never a longer name (`/signin` is not `/signin-settings`).
    if (pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) {
      return worker;
    }
  }
  return 'identity';
}
