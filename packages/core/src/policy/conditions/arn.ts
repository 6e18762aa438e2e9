// ArnEquals and ArnLike (identical in AWS: both accept wildcards, matched part by part) and their Not
// forms. A request value that is not an ARN simply does not match.

import { arnColons, compileArnPattern, matchArnPattern, type ArnPattern } from '../arn';
import type { OperatorFamily } from './family';

export const arnLike: OperatorFamily<ArnPattern, string> = {
  policyValue: compileArnPattern,
  requestValue: (raw) => raw,
  test: (request, policy) => matchArnPattern(policy, request, arnColons(request)),
  variables: true,
  lowerCase: false,
  expects: 'an ARN',
};
