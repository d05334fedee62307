import { deciderScenario } from '../shared/decider.scenario.js';
import { RawProcessingActivityCommand } from './processing-activity.commands.js';
import { foldProcessingActivity, handleProcessingActivityCommand } from './processing-activity.decider.js';
import { ProcessingActivityError } from './processing-activity.errors.js';
import { ProcessingActivityEvent } from './processing-activity.events.js';

/** Given/when/then for the register of processing activities. */
export const given = deciderScenario<
  RawProcessingActivityCommand,
  ProcessingActivityEvent,
  ProcessingActivityError
>((command, history, context) =>
  handleProcessingActivityCommand(command, foldProcessingActivity(history), context),
);
