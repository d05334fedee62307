// The worker's retention job (issue 19, Archiefwet) and the port it shreds through.
export * from './activation-shredder.port.js';
export { RetentionJob, type RetentionRunSummary, type RetentionJobOptions } from './retention.job.js';
export { RetentionJobService } from './retention-job.service.js';
export { RetentionModule } from './retention.module.js';
export { underRetentionLease } from './retention.session.js';
