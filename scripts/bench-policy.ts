// Benchmarks the policy engine against cedar-wasm on equivalent workloads, in one Node process.
// Run: npx tsx scripts/bench-policy.ts
//
// Each IAM workload is translated into a Cedar policy set with the same number of rules and the same
// matching work: one Cedar policy per IAM statement, actions as Cedar action entities (`action in
// [...]`), resource patterns as `like` over the resource ARN in the context, conditions as the
// corresponding Cedar expressions (ip ranges with the ipaddr extension, dates with datetime). Cedar
// uses its stateful API with the policy set pre-parsed, so neither engine parses policies per call.
// Figures are the median, over many samples, of the mean time per decision within a sample.

import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { authorize, compilePolicy, compilePolicySet, type AuthorizationRequest, type PolicySets } from '../packages/core/src/policy/index';

const ACCOUNT = '123456789012';
const PRINCIPAL = { arn: `arn:aws:iam::${ACCOUNT}:user/alice`, account: ACCOUNT, type: 'User' as const };
const VERBS = ['Get', 'List', 'Put', 'Delete', 'Describe', 'Update', 'Create', 'Tag'];

interface Rule {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resource: string;
  conditions?: 'heavy';
}

interface Workload {
  name: string;
  rules: Rule[];
  requests: { action: string; resource: string }[];
  heavy: boolean;
}

/** `count` statements spread over `services` services; requests hit every service, half allowed. */
function workload(name: string, count: number, services: number, heavy: boolean): Workload {
  const rules: Rule[] = [];
  for (let i = 0; i < count; i++) {
    const svc = `svc${i % services}`;
    const n = Math.floor(i / services);
    const verb = VERBS[n % VERBS.length];
    rules.push({
      effect: i % 20 === 19 ? 'Deny' : 'Allow',
      actions: [`${svc}:${verb}Thing${n}`, `${svc}:${verb}Other${n}`],
      resource: `arn:aws:${svc}:us-east-1:${ACCOUNT}:thing/team-${n}/*`,
      ...(heavy && { conditions: 'heavy' as const }),
    });
  }
  const requests: { action: string; resource: string }[] = [];
  for (let i = 0; i < 256; i++) {
    const r = rules[(i * 7) % rules.length]!;
    const hit = i % 2 === 0;
    requests.push({
      action: r.actions[i % 2]!,
      resource: r.resource.replace('/*', hit ? `/object-${i}` : '').replace('team-', hit ? 'team-' : 'other-'),
    });
  }
  return { name, rules, requests, heavy };
}

// ---- our engine -------------------------------------------------------------------------------

const HEAVY_CONDITION = {
  StringEquals: { 'aws:PrincipalTag/team': ['eng', 'ops'] },
  IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] },
  Bool: { 'aws:MultiFactorAuthPresent': 'true' },
  DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
  NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
};

function iamSets(w: Workload): PolicySets {
  const statements = w.rules.map((r, i) => ({
    Sid: `S${i}`,
    Effect: r.effect,
    Action: r.actions,
    Resource: r.resource,
    ...(r.conditions && { Condition: HEAVY_CONDITION }),
  }));
  // Split into policies of 10 statements, as identities carry several attached policies.
  const policies = [];
  for (let i = 0; i < statements.length; i += 10) {
    const doc = { Version: '2012-10-17', Statement: statements.slice(i, i + 10) };
    const p = compilePolicy(doc, { id: `p${i / 10}`, type: 'identity' });
    if (p.errors.length > 0) throw new Error(JSON.stringify(p.errors));
    policies.push(p);
  }
  return { identity: compilePolicySet('identity', policies) };
}

const HEAVY_CONTEXT = {
  'aws:PrincipalTag/team': 'eng',
  'aws:SourceIp': '10.1.2.3',
  'aws:MultiFactorAuthPresent': true,
  'aws:CurrentTime': '2025-06-01T12:00:00Z',
  'aws:MultiFactorAuthAge': 120,
};

function iamRequests(w: Workload): AuthorizationRequest[] {
  return w.requests.map((r) => ({ principal: PRINCIPAL, action: r.action, resource: r.resource, context: w.heavy ? HEAVY_CONTEXT : {} }));
}

// ---- cedar ------------------------------------------------------------------------------------

function cedarPolicies(w: Workload): string {
  return w.rules
    .map((r, i) => {
      const effect = r.effect === 'Allow' ? 'permit' : 'forbid';
      const actions = r.actions.map((a) => `Action::"${a}"`).join(', ');
      const like = r.resource.replace(/\*/g, '*'); // Cedar `like` uses the same `*`
      const when = [`context.resource like "${like}"`];
      if (r.conditions) {
        when.push(
          '(context.team == "eng" || context.team == "ops")',
          '(context.sourceIp.isInRange(ip("10.0.0.0/8")) || context.sourceIp.isInRange(ip("192.168.0.0/16")))',
          'context.mfa == true',
          'context.now < datetime("2030-01-01T00:00:00Z")',
          'context.mfaAge < 3600',
        );
      }
      return `@id("S${i}")\n${effect}(principal, action in [${actions}], resource) when { ${when.join(' && ')} };`;
    })
    .join('\n');
}

function cedarCalls(w: Workload, psetId: string): cedar.StatefulAuthorizationCall[] {
  return w.requests.map((r) => ({
    principal: { type: 'User', id: 'alice' },
    action: { type: 'Action', id: r.action },
    resource: { type: 'Resource', id: r.resource },
    context: {
      resource: r.resource,
      ...(w.heavy && {
        team: 'eng',
        sourceIp: { __extn: { fn: 'ip', arg: '10.1.2.3' } },
        mfa: true,
        now: { __extn: { fn: 'datetime', arg: '2025-06-01T12:00:00Z' } },
        mfaAge: 120,
      }),
    },
    preparsedPolicySetId: psetId,
    entities: [],
  }));
}

// ---- measurement ------------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median over `samples` of the mean µs per call over a batch of `batch` calls. */
function measure(calls: number, batch: number, samples: number, run: (i: number) => unknown): number {
  let sink = 0;
  const warm = Math.max(2000, batch * 5);
  for (let i = 0; i < warm; i++) if (run(i % calls)) sink++;
  const results: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) if (run((s * batch + i) % calls)) sink++;
    results.push(((performance.now() - t0) * 1000) / batch);
  }
  if (sink < 0) console.log(sink);
  return median(results);
}

function bench(w: Workload): { engine: number; cedar: number; agree: number } {
  const sets = iamSets(w);
  const requests = iamRequests(w);
  const psetId = `pset-${w.name}`;
  const parsed = cedar.preparsePolicySet(psetId, { staticPolicies: cedarPolicies(w) });
  if (parsed.type !== 'success') throw new Error(`cedar parse failed: ${JSON.stringify(parsed.errors)}`);
  const calls = cedarCalls(w, psetId);

  // Both engines must reach the same decisions, or the comparison means nothing.
  let agree = 0;
  for (let i = 0; i < requests.length; i++) {
    const ours = authorize(requests[i]!, sets).decision === 'Allow';
    const answer = cedar.statefulIsAuthorized(calls[i]!);
    if (answer.type !== 'success') throw new Error(`cedar failed: ${JSON.stringify(answer.errors)}`);
    if (ours === (answer.response.decision === 'allow')) agree++;
  }
  if (agree !== requests.length) throw new Error(`${w.name}: engines disagree on ${requests.length - agree} requests`);

  const engine = measure(requests.length, 2000, 300, (i) => authorize(requests[i]!, sets).decision === 'Allow');
  const cedarUs = measure(calls.length, 100, 200, (i) => {
    const a = cedar.statefulIsAuthorized(calls[i]!);
    return a.type === 'success' && a.response.decision === 'allow';
  });
  return { engine, cedar: cedarUs, agree };
}

const workloads = [
  workload('10', 10, 5, false),
  workload('1000', 1000, 50, false),
  workload('cond', 10, 5, true),
  workload('cond1000', 1000, 50, true),
];

const out: Record<string, number> = {};
console.log(`policy engine vs cedar-wasm ${cedar.getCedarVersion()} (median µs per decision, node ${process.version})`);
for (const w of workloads) {
  const r = bench(w);
  const speedup = r.cedar / r.engine;
  const label = {
    '10': '10 statements',
    '1000': '1,000 statements / 50 services',
    cond: '10 statements, 5 conditions each',
    cond1000: '1,000 statements, 5 conditions each',
  }[w.name];
  console.log(
    `  ${label!.padEnd(38)} engine ${r.engine.toFixed(3).padStart(8)} µs   cedar ${r.cedar.toFixed(2).padStart(8)} µs   ${speedup.toFixed(1)}x   (${r.agree} decisions agree)`,
  );
  out[`engine_us_${w.name}`] = round(r.engine);
  out[`cedar_us_${w.name}`] = round(r.cedar);
  out[`speedup_${w.name}`] = round(speedup);
}
// The per-action memo makes warm lookups one Map read; show the cost when every action is new.
{
  const w = workloads[1]!;
  const sets = iamSets(w);
  const fresh = Array.from({ length: 50_000 }, (_, i): AuthorizationRequest => ({
    principal: PRINCIPAL,
    action: `svc${i % 50}:Action${i}`,
    resource: `arn:aws:svc${i % 50}:us-east-1:${ACCOUNT}:thing/team-1/x`,
    context: {},
  }));
  let next = 0;
  const cold = measure(fresh.length, 1000, 40, () => authorize(fresh[next++ % fresh.length]!, sets).decision === 'Allow');
  console.log(
    `  ${'1,000 statements, every action new'.padEnd(38)} engine ${cold.toFixed(3).padStart(8)} µs   (index lookup without the per-action memo)`,
  );
  out['engine_us_1000_uncached'] = round(cold);
}
console.log(JSON.stringify(out));

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
