// The purposes are the access log's (libs/read-models/src/access-log); the api names them in its schema.
export { DEFAULT_PURPOSE, isProcessingPurpose, ProcessingPurpose } from '#read-models';
