// What other parts of the api may use of the access log: the only way in from outside this folder.
export { AccessLogModule } from './access-log.module.js';
export { type ReadAudit } from './access-log.recorder.js';
export { activityOf, LoggedReads, type LoggedResult } from './logged-reads.service.js';
export { CurrentReadRequest, readRequestOf, type ReadRequest } from './read-request.decorator.js';
export { type Disclosure, disclosureOf, disclosureOfVisible } from '#read-models';
export { ProcessingPurpose } from './processing-purpose.enum.js';
