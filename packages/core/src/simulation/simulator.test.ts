import { describe, expect, it } from 'vitest';
import { contextFromEntries } from './context-entries';
import { checkSimulationSize, simulatePage, xmlTextBytes } from './page';
import { compileSimulation } from './simulator';
import { statementSpans } from './statement-positions';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const tom = { principal: { arn: 'arn:aws:iam::111122223333:user/tom', account: '111122223333', type: 'User' as const }, context: {} };

describe('statementSpans', () => {
  it('locates each statement of an array, and a single statement object', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},\n    {"Effect": "Deny", "Action": "s3:Delete*", "Resource": "x\\"]}"}\n  ]\n}';
    expect(statementSpans(text)).toEqual([
      { start: { line: 4, column: 5 }, end: { line: 4, column: 59 } },
      { start: { line: 5, column: 5 }, end: { line: 5, column: 68 } },
    ]);
    expect(statementSpans('{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}')).toEqual([
      { start: { line: 1, column: 14 }, end: { line: 1, column: 60 } },
    ]);
  });

  it('gives up (null) rather than guessing on text it cannot read', () => {
    for (const bad of ['', 'null', '[1]', '{"Statement": [{"a": "unterminated}]}', '{"Version" "x"}'])
      expect(statementSpans(bad), bad).toBeNull();
  });
});

describe('compileSimulation', () => {
  it('an applicable explicit deny wins over any allow, and is the only statement reported', () => {
    const sim = compileSimulation({
      identity: [
        { sourceId: 'AllowAll', sourceType: 'user-managed', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
        {
          sourceId: 'NoDelete',
          sourceType: 'user',
          document: doc({ Effect: 'Allow', Action: 's3:List*', Resource: '*' }, { Effect: 'Deny', Action: 's3:Delete*', Resource: '*' }),
        },
      ],
      boundary: [],
    });
    const r = sim.run('s3:DeleteObject', tom);
    expect(r.decision).toBe('explicitDeny');
    expect(r.matched).toEqual([expect.objectContaining({ sourcePolicyId: 'NoDelete', sourcePolicyType: 'user', statementIndex: 1 })]);
    expect(sim.run('s3:GetObject', tom).decision).toBe('allowed');
  });

  it('aggregates per resource: the most restrictive decision, missing keys unioned', () => {
    const sim = compileSimulation({
      identity: [
        {
          sourceId: 'PolicyInputList.1',
          sourceType: 'none',
          document: doc(
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::open/*' },
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::vpn/*',
              Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
            },
          ),
        },
      ],
      boundary: [],
    });
    const r = sim.run('s3:GetObject', { ...tom, resources: ['arn:aws:s3:::open/a', 'arn:aws:s3:::vpn/b'] });
    expect(r.decision).toBe('implicitDeny');
    expect(r.perResource!.map((x) => x.decision)).toEqual(['allowed', 'implicitDeny']);
    expect(r.missingContextValues).toEqual(['aws:SourceIp']);
    const inside = sim.run('s3:GetObject', {
      ...tom,
      context: contextFromEntries([{ name: 'aws:SourceIp', values: ['10.1.2.3'], type: 'ip' }]),
      resources: ['arn:aws:s3:::vpn/b'],
    });
    expect(inside.decision).toBe('allowed');
  });

  it('a boundary limits the identity policies and says whether it allowed', () => {
    const sim = compileSimulation({
      identity: [{ sourceId: 'p', sourceType: 'none', document: doc({ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' }) }],
      boundary: [{ sourceId: 'b', sourceType: 'none', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }],
    });
    expect(sim.run('s3:GetObject', tom)).toMatchObject({ decision: 'allowed', allowedByBoundary: true });
    expect(sim.run('ec2:RunInstances', tom)).toMatchObject({ decision: 'implicitDeny', allowedByBoundary: false });
  });

  it('cross-account resources need both sides, and each side is reported', () => {
    const sim = compileSimulation({
      identity: [{ sourceId: 'p', sourceType: 'none', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }],
      boundary: [],
      resource: {
        sourceId: 'ResourcePolicy',
        sourceType: 'resource',
        document: doc({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: '*' }),
      },
    });
    const theirs = sim.run('s3:GetObject', { ...tom, resources: ['arn:aws:s3:::theirs/a'], resourceOwner: '444455556666' });
    expect(theirs.perResource![0]).toMatchObject({ decision: 'allowed', crossAccount: true, identityDecision: 'allowed' });
    const noPolicy = compileSimulation({
      identity: [{ sourceId: 'p', sourceType: 'none', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }],
      boundary: [],
    });
    expect(
      noPolicy.run('s3:GetObject', { ...tom, resources: ['arn:aws:s3:::theirs/a'], resourceOwner: '444455556666' }).perResource![0],
    ).toMatchObject({
      decision: 'implicitDeny',
      identityDecision: 'allowed',
      resourcePolicyDecision: 'implicitDeny',
    });
  });
});

describe('simulatePage', () => {
  // Threat: response amplification. A page never holds more decisions or bytes than its budget, and
  // what cannot fit in one page is refused rather than sent.
  const sim = compileSimulation({
    identity: [{ sourceId: 'p', sourceType: 'none', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }],
    boundary: [],
  });
  const actions = ['s3:A', 's3:B', 's3:C', 's3:D', 's3:E'];
  const limits = { maxDecisions: 100, pageDecisions: 4, pageBytes: 1_000_000 };

  it('fills a page up to its decision budget and says where the next one starts', () => {
    const req = { ...tom, resources: ['arn:aws:s3:::b/1', 'arn:aws:s3:::b/2'] };
    const first = simulatePage(sim, actions, 0, 100, req, limits);
    expect(first.results.map((r) => r.action)).toEqual(['s3:A', 's3:B']);
    expect(first.next).toBe(2);
    const last = simulatePage(sim, actions, 4, 100, req, limits);
    expect(last.results.map((r) => r.action)).toEqual(['s3:E']);
    expect(last.next).toBeUndefined();
    expect(simulatePage(sim, actions, 0, 1, req, limits).next).toBe(1);
  });

  it('stops at the byte budget, and refuses an action that alone exceeds it', () => {
    const small = { ...limits, pageDecisions: 1000, pageBytes: 3000 };
    const page = simulatePage(sim, actions, 0, 100, { ...tom, resources: ['arn:aws:s3:::b/1'] }, small);
    expect(page.results.length).toBeGreaterThanOrEqual(1);
    expect(page.results.length).toBeLessThan(actions.length);
    const many = { ...tom, resources: Array.from({ length: 20 }, (_, i) => `arn:aws:s3:::b/${i}`) };
    expect(() => simulatePage(sim, actions, 0, 100, many, small)).toThrow(/do not fit in one response/);
  });

  it('refuses a request for more decisions than it may cost, before any work', () => {
    expect(() => checkSimulationSize(25, 4, limits)).not.toThrow();
    expect(() => checkSimulationSize(26, 4, limits)).toThrow(/104 decisions \(26 actions x 4 resources\)/);
    expect(() => checkSimulationSize(1, 5, limits)).toThrow(/ResourceArns lists 5 resources/);
    expect(() => checkSimulationSize(100, undefined, limits)).not.toThrow();
  });

  it('counts text as escaped UTF-8', () => {
    expect(xmlTextBytes('abc')).toBe(3);
    expect(xmlTextBytes('a&b')).toBe(8);
    expect(xmlTextBytes('é€')).toBe(5);
  });
});
