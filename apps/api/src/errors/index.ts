// What other parts of the api may use of errors: the only way in from outside this folder.
export { GraphqlExceptionFilter } from './graphql-exception.filter.js';
export { apiError, ApiErrorCode } from './api-error.js';
export { inputValidationPipe } from './input-validation.pipe.js';
export { toApiError } from './command-errors.js';
