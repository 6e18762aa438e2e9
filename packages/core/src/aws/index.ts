// The AWS Query protocol codec shared by the identity worker's IAM and STS APIs: request parameters
// in (query-params), XML results and errors out (xml), or JSON for clients that ask (json); botocore's
// list of operations (botocore-operations, generated) says which results clients expect.

export {
  DEFAULT_QUERY_LIMITS,
  nestQueryParams,
  parseQuery,
  parseQueryBody,
  readList,
  readString,
  readStringList,
  readStringMap,
  readStructList,
  type QueryLimits,
  type QueryObject,
  type QueryValue,
} from './query-params';
export {
  IAM_NAMESPACE,
  STS_NAMESPACE,
  XmlMap,
  awsTimestamp,
  carriesResult,
  renderError,
  renderResult,
  xmlErrorResponse,
  xmlMap,
  xmlResultResponse,
  type XmlStruct,
  type XmlValue,
} from './xml';
export { BOTOCORE_OPERATIONS, BOTOCORE_VERSION, type BotocoreOperation, type BotocoreResult } from './botocore-operations';
export { jsonErrorResponse, jsonResultResponse, wantsJson, type JsonValue } from './json';
