import {
  decideProcessingActivity,
  foldProcessingActivity,
  prepareProcessingActivityCommand,
  ProcessingActivityCommand,
  ProcessingActivityContext,
  ProcessingActivityError,
  ProcessingActivityEvent,
  ProcessingActivityEventType,
  ProcessingActivityState,
} from '#domain';
import { StreamDecider } from './command-executor.js';

const PROCESSING_ACTIVITY_PREFIX = 'processing-activity-';

export const processingActivityStreamId = (activityId: string) =>
  `${PROCESSING_ACTIVITY_PREFIX}${activityId}`;

/** Register entries are policy records like agreements: no field classification, versions kept here. */
export const PROCESSING_ACTIVITY_EVENT_SCHEMA_VERSIONS: Record<ProcessingActivityEventType, number> = {
  'processing-activity.proposed': 1,
  'processing-activity.change-proposed': 1,
  'processing-activity.approved': 1,
  'processing-activity.rejected': 1,
};

/** The register of processing activities: one stream per entry. */
export const processingActivityStreams: StreamDecider<
  ProcessingActivityCommand,
  ProcessingActivityContext,
  ProcessingActivityEvent,
  ProcessingActivityState,
  ProcessingActivityError
> = {
  prepare: prepareProcessingActivityCommand,
  streamId: (command) => processingActivityStreamId(command.activityId),
  fold: foldProcessingActivity,
  decide: decideProcessingActivity,
  schemaVersion: (type) => PROCESSING_ACTIVITY_EVENT_SCHEMA_VERSIONS[type],
};
