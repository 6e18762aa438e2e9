/// <reference types="vite/client" />
// The layering rules the workers stand on:
// - they reach the database only through packages/core/src/repo, so every query and write statement
//   (its guards, its case-insensitive name matching, its quota checks) lives in one place; a worker
//   that imports drizzle-orm or a table module could build SQL of its own;
// - they import a core folder's public surface (`@edge-iam/core/repo`), never a file inside it;
// - every authorization decision goes through core/authz's `decide`, never the engine's `authorize`.
// Each test names the file and line that breaks a rule.
// workerd has no filesystem: Vite inlines the sources at build time (import.meta.glob with ?raw).
import { describe, expect, it } from 'vitest';

const sources: Record<string, string> = {
  ...import.meta.glob<string>('/workers/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>('/src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }),
};

/**
 * Why a module specifier is off limits outside core, or null when it is fine. Of core's db modules only
 * the client (the `Db` handle a worker opens on its D1 binding) may be imported; the rest are tables.
 */
function forbiddenImport(specifier: string): string | null {
  if (specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/')) return 'drizzle-orm';
  const db = /(?:^@edge-iam\/core|\/core\/src)\/db\/([^/]+?)(?:\.tsx?)?$/.exec(specifier);
  if (db && db[1] !== 'client') return 'a core db schema module';
  if (/^@edge-iam\/core\/[\w-]+\/./.test(specifier) || /\/core\/src\//.test(specifier))
    return "a file inside a core folder: import the folder's index";
  return null;
}

// Static imports and re-exports (type-only too, across lines), side-effect imports, and import().
const SPECIFIER =
  /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every forbidden import in one source file, as `path:line: imports <specifier> (<why>)`. */
function violations(path: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const specifier = m[1] ?? m[2] ?? m[3]!;
    const why = forbiddenImport(specifier);
    if (!why) continue;
    const at = m.index + m[0].lastIndexOf(specifier);
    const line = text.slice(0, at).split('\n').length;
    found.push(`${path}:${line}: imports '${specifier}' (${why})`);
  }
  return found;
}

describe('layout: only packages/core/src/repo speaks SQL', () => {
  it('reads the sources of the workers and the gateway', () => {
    const paths = Object.keys(sources);
    // A glob that silently matched nothing would make the check below pass vacuously.
    expect(paths.filter((p) => p.startsWith('/workers/identity/')).length).toBeGreaterThan(40);
    expect(paths.filter((p) => p.startsWith('/workers/signin/')).length).toBeGreaterThan(10);
    expect(paths.filter((p) => p.startsWith('/workers/policy/')).length).toBeGreaterThan(3);
    expect(paths).toContain('/src/gateway.ts');
    expect(Object.values(sources).every((text) => typeof text === 'string' && text.length > 0)).toBe(true);
  });

  it('no worker or gateway file imports drizzle-orm or a core db table module', () => {
    const found = Object.entries(sources).flatMap(([path, text]) => violations(path, text));
    expect(found, `move these queries and statements into packages/core/src/repo:\n${found.join('\n')}`).toEqual([]);
  });

  it('the check recognises every import form', () => {
    const text = [
      "import { eq } from 'drizzle-orm';",
      "import type { BatchItem } from 'drizzle-orm/batch';",
      'import {',
      '  users,',
      "} from '@edge-iam/core/db/schema';",
      "export { roles } from '@edge-iam/core/db/principals';",
      "const m = await import('../../packages/core/src/db/credentials');",
      "import 'drizzle-orm/d1';",
      "import { createDb, type Db } from '@edge-iam/core/db';",
      "import { findUser } from '@edge-iam/core/repo';",
      "import { findUser } from '@edge-iam/core/repo/users';",
    ].join('\n');
    expect(violations('/workers/x.ts', text)).toEqual([
      "/workers/x.ts:1: imports 'drizzle-orm' (drizzle-orm)",
      "/workers/x.ts:2: imports 'drizzle-orm/batch' (drizzle-orm)",
      "/workers/x.ts:5: imports '@edge-iam/core/db/schema' (a core db schema module)",
      "/workers/x.ts:6: imports '@edge-iam/core/db/principals' (a core db schema module)",
      "/workers/x.ts:7: imports '../../packages/core/src/db/credentials' (a core db schema module)",
      "/workers/x.ts:8: imports 'drizzle-orm/d1' (drizzle-orm)",
      "/workers/x.ts:11: imports '@edge-iam/core/repo/users' (a file inside a core folder: import the folder's index)",
    ]);
  });
});

describe('layout: one decision function', () => {
  // The engine's `authorize` takes raw policy sets; calling it from a worker would mean a second way to
  // treat the root user, merge context keys or word a denial. core/authz's `decide` is the one door.
  const ENGINE_AUTHORIZE =
    /import\s+(?:type\s+)?\{[^}]*\bauthorize\b[^}]*\}\s*from\s*['"][^'"]*(?:core\/policy|policy\/authorize)[^'"]*['"]/g;

  it("no worker imports the engine's authorize", () => {
    const found = Object.entries(sources).flatMap(([path, text]) =>
      [...text.matchAll(ENGINE_AUTHORIZE)].map((m) => `${path}:${text.slice(0, m.index).split('\n').length}`),
    );
    expect(found, `decide through core/authz instead:\n${found.join('\n')}`).toEqual([]);
    expect("import { authorize, compilePolicy } from '@edge-iam/core/policy';".match(ENGINE_AUTHORIZE)).toHaveLength(1);
  });

  it('all three workers decide through core/authz', () => {
    for (const worker of ['identity', 'policy', 'signin']) {
      const uses = Object.entries(sources).filter(
        ([path, text]) => path.startsWith(`/workers/${worker}/`) && /\bdecide\b[^;]*from '@edge-iam\/core\/authz'/.test(text),
      );
      expect(uses.length, `${worker} never imports decide from core/authz`).toBeGreaterThan(0);
    }
  });
});

describe('layout: the console acts only through the IAM API', () => {
  // The console must see and do exactly what the signed-in person may: no back door to the database.
  // Only its session module reads the sign-in session, and only its IAM client issues the token it
  // calls the identity worker with; no page imports the repositories, the database or the engine.
  const ALLOWED = new Set(['/workers/console/src/session.ts', '/workers/console/src/iam-api.ts']);
  const DATA = /from\s*['"](@edge-iam\/core\/(?:repo|db|policy|authz|authn)|drizzle-orm[^'"]*)['"]/g;

  it('reads the console sources', () => {
    expect(Object.keys(sources).filter((p) => p.startsWith('/workers/console/')).length).toBeGreaterThan(10);
  });

  it('no console module but session.ts and iam-api.ts imports repositories, the database or the policy engine', () => {
    const found = Object.entries(sources)
      .filter(([path]) => path.startsWith('/workers/console/') && !ALLOWED.has(path))
      .flatMap(([path, text]) =>
        [...text.matchAll(DATA)]
          .filter((m) => !/^import type/.test(text.slice(text.lastIndexOf('\n', m.index) + 1)))
          .map((m) => `${path}:${text.slice(0, m.index).split('\n').length}: ${m[1]}`),
      );
    expect(found, `call the IAM API (c.var.iam) instead:\n${found.join('\n')}`).toEqual([]);
  });
});
