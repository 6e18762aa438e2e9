export { ERROR_STATUS, type ErrorCode } from './codes';
export { IamError, isIamError, toIamError, noSuchEntity, invalidInput, validationError } from './iam-error';
