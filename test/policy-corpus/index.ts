// The policy decision corpus: every JSON file in this folder, typed. The pure engine test
// (packages/core/src/policy/corpus.test.ts) replays it, and so can the HTTP /authorize tests, so the
// library and the service are checked against the same cases. Format: see README.md.

import type { AuthorizationRequest, DecisionValue, PolicyType } from '../../packages/core/src/policy/index';
import actions from './actions.json';
import awsExamples from './aws-examples.json';
import conditionsSets from './conditions-sets.json';
import conditionsString from './conditions-string.json';
import conditionsTyped from './conditions-typed.json';
import errors from './errors.json';
import evaluation from './evaluation.json';
import resources from './resources.json';
import variables from './variables.json';

export interface CorpusPolicy {
  readonly id: string;
  /** the policy document as JSON, or JSON text (to test unparseable policies) */
  readonly document: unknown;
}

export interface CorpusCase {
  readonly name: string;
  readonly policies: {
    readonly identity?: readonly CorpusPolicy[];
    readonly boundary?: readonly CorpusPolicy[];
    readonly session?: readonly CorpusPolicy[];
    readonly resource?: CorpusPolicy;
    readonly trust?: CorpusPolicy;
  };
  readonly request: AuthorizationRequest;
  readonly expect: {
    readonly decision: DecisionValue;
    /** compared as a set of (policyId, sid) */
    readonly matched?: readonly { readonly policyId: string; readonly sid?: string }[];
    readonly blockedBy?: PolicyType;
    /** number of evaluation errors reported */
    readonly errors?: number;
    readonly missingContextKeys?: readonly string[];
  };
}

export interface CorpusFile {
  readonly file: string;
  readonly description: string;
  readonly cases: readonly CorpusCase[];
}

const file = (name: string, json: unknown): CorpusFile => ({ file: name, ...(json as Omit<CorpusFile, 'file'>) });

export const policyCorpus: readonly CorpusFile[] = [
  file('actions.json', actions),
  file('resources.json', resources),
  file('conditions-string.json', conditionsString),
  file('conditions-typed.json', conditionsTyped),
  file('conditions-sets.json', conditionsSets),
  file('variables.json', variables),
  file('evaluation.json', evaluation),
  file('aws-examples.json', awsExamples),
  file('errors.json', errors),
];
