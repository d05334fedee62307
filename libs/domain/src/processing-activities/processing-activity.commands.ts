import { Raw } from '../shared/raw.js';
import { ProcessingActivityTerms } from './processing-activity.events.js';

interface OnActivity {
  readonly activityId: string;
}

/** A new register entry, proposed by a policy admin of one of its controllers. */
export interface ProposeProcessingActivity extends OnActivity, ProcessingActivityTerms {
  readonly type: 'ProposeProcessingActivity';
  readonly reason?: string;
}

/** New terms for a registered activity: its next version once another controller approves. */
export interface ChangeProcessingActivity extends OnActivity, ProcessingActivityTerms {
  readonly type: 'ChangeProcessingActivity';
  readonly reason: string;
}

export interface ApproveProcessingActivity extends OnActivity {
  readonly type: 'ApproveProcessingActivity';
  readonly reason: string;
}

export interface RejectProcessingActivity extends OnActivity {
  readonly type: 'RejectProcessingActivity';
  readonly reason: string;
}

export type ProcessingActivityCommand =
  ProposeProcessingActivity | ChangeProcessingActivity | ApproveProcessingActivity | RejectProcessingActivity;

export type ProcessingActivityCommandType = ProcessingActivityCommand['type'];

export type RawProcessingActivityCommand = Raw<ProcessingActivityCommand>;
