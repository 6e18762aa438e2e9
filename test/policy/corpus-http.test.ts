// The policy engine's JSON corpus replayed through POST /authorize, so the library and the service
// are checked against the same cases. Each replayable case gets a fresh account holding a real user
// with the case's identity policies (inline) and boundary (a managed policy), named by ARN by the
// account's root key; the case's resource policy goes in `resourcePolicy`. Cases the HTTP surface
// cannot express (session and trust policies, non-user principals, `aws:*` context the service derives
// itself from the verified principal and clock) are left to the engine's own runner.
import { describe, expect, it } from 'vitest';
import * as s from '../../packages/core/src/db/schema';
import { newId } from '../../packages/core/src/ids';
import { bootstrapAccount } from '../../packages/core/src/repo/accounts';
import { newAccountId } from '../../packages/core/src/ids';
import { policyCorpus, type CorpusCase } from '../policy-corpus/index';
import { db, serviceKeys } from '../helpers';
import { authorizeCall } from './client';

const USER_ARN = /^arn:aws:iam::(\d{12}):user(\/(?:[^/]+\/)*)([^/]+)$/;
// Keys the service always sets itself for a user from its verified identity, the clock and the request.
const DERIVED = [
  'aws:securetransport',
  'aws:currenttime',
  'aws:epochtime',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:userid',
  'aws:username',
  'aws:principaltag/',
];
const IP = /^[0-9a-f.:]+(\/\d+)?$/i;

function replayable(c: CorpusCase): boolean {
  const m = USER_ARN.exec(c.request.principal.arn);
  if (!m || c.request.principal.type) return false;
  if (c.policies.session || c.policies.trust) return false;
  if ((c.policies.boundary?.length ?? 0) > 1) return false;
  if (c.request.resourceAccount && c.request.resourceAccount !== m[1]) return false;
  // Documents given as raw text (to test unparseable policies) cannot be stored as inline policies:
  // the IAM API refuses them, as it should.
  const docs = [...(c.policies.identity ?? []), ...(c.policies.boundary ?? [])];
  if (docs.some((p) => typeof p.document === 'string')) return false;
  // A policy that tests a derived key would see the service's value, not the case's.
  const text = JSON.stringify([c.policies.identity, c.policies.boundary, c.policies.resource]).toLowerCase();
  if (DERIVED.some((k) => text.includes(k) && !Object.keys(c.request.context ?? {}).some((ck) => ck.toLowerCase() === k))) return false;
  for (const [k, v] of Object.entries(c.request.context ?? {})) {
    const key = k.toLowerCase();
    if (!key.startsWith('aws:')) continue;
    if (key === 'aws:sourceip' && typeof v === 'string' && IP.test(v)) continue;
    if (key === 'aws:username' && v === m[3]) continue;
    if (key === 'aws:principalaccount' && v === m[1]) continue;
    return false;
  }
  return true;
}

const cases = policyCorpus.flatMap((f) => f.cases.filter(replayable).map((c) => ({ file: f.file, c })));

async function replay(c: CorpusCase) {
  const [, acct, path, name] = USER_ARN.exec(c.request.principal.arn)!;
  const fresh = newAccountId();
  const rewrite = <T>(x: T): T => JSON.parse(JSON.stringify(x).replaceAll(acct!, fresh));
  const cc = rewrite(c);
  const keys = await serviceKeys();
  const boot = await bootstrapAccount(db(), keys, { accountId: fresh, rootEmail: `${fresh}@corpus.test`, now: new Date() });
  if (!boot.created) throw new Error('collision');
  const userId = newId('user');
  const now = new Date();
  const boundary = cc.policies.boundary?.[0];
  const boundaryId = boundary ? newId('policy') : null;
  const writes: any[] = [];
  if (boundary) {
    writes.push(
      db()
        .insert(s.managedPolicies)
        .values({
          id: boundaryId!,
          accountId: fresh,
          name: boundary.id,
          arn: `arn:aws:iam::${fresh}:policy/${boundary.id}`,
          createdAt: now,
          updatedAt: now,
        }),
      db()
        .insert(s.policyVersions)
        .values({ policyId: boundaryId!, versionId: 'v1', document: JSON.stringify(boundary.document), createdAt: now }),
    );
  }
  writes.push(
    db()
      .insert(s.users)
      .values({ id: userId, accountId: fresh, name: name!, path: path!, permissionsBoundaryPolicyId: boundaryId, createdAt: now }),
  );
  for (const p of cc.policies.identity ?? []) {
    writes.push(
      db()
        .insert(s.inlinePolicies)
        .values({ accountId: fresh, userId, name: p.id, document: JSON.stringify(p.document), updatedAt: now }),
    );
  }
  await db().batch(writes as [any, ...any[]]);

  const context = Object.fromEntries(Object.entries(cc.request.context ?? {}).filter(([k]) => !k.toLowerCase().startsWith('aws:')));
  const sourceIp = Object.entries(cc.request.context ?? {}).find(([k]) => k.toLowerCase() === 'aws:sourceip')?.[1] as string | undefined;
  const body = {
    principal: { arn: cc.request.principal.arn },
    action: cc.request.action,
    resource: cc.request.resource,
    context,
    ...(sourceIp ? { sourceIp } : {}),
    ...(cc.policies.resource ? { resourcePolicy: cc.policies.resource.document } : {}),
  };
  return { res: await authorizeCall(body, { signWith: { accessKeyId: boot.accessKeyId, secretAccessKey: boot.secretAccessKey } }), cc };
}

/** The service names inline policies `<user ARN>#<name>`, boundaries by ARN, the resource policy `resourcePolicy`. */
const corpusId = (policyId: string) =>
  policyId === 'resourcePolicy' ? 'resource' : (policyId.split('#')[1] ?? policyId.split('/').pop()!);

describe('the policy corpus through POST /authorize', () => {
  it('replays a substantial part of the corpus (not silently skipping it)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  it.each(cases.map(({ file, c }) => [`${file}: ${c.name}`, c] as const))('%s', async (_name, c) => {
    const { res, cc } = await replay(c);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.reason).toBe(cc.expect.decision);
    expect(res.json.decision).toBe(cc.expect.decision === 'Allow' ? 'Allow' : 'Deny');
    if (cc.expect.blockedBy) expect(res.json.blockedBy).toBe(cc.expect.blockedBy);
    if (cc.expect.matched) {
      const got = res.json.matchedStatements
        .map((m: { policyId: string; sid: string | null }) => `${corpusId(m.policyId)}|${m.sid ?? ''}`)
        .sort();
      const want = cc.expect.matched.map((m) => `${m.policyId}|${m.sid ?? ''}`).sort();
      expect(got).toEqual(want);
    }
  });
});
