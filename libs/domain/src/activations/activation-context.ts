import { CaseNumber } from '../shared/case-number.value.js';
import { CommandContext } from '../shared/command-context.js';
import { RegionalCoordination } from '../shared/regional-coordination.value.js';

/** What an activation command is given besides its data: who and when, and who coordinates which region. */
export interface ActivationContext extends CommandContext {
  readonly coordination: RegionalCoordination;
  /**
   * The case number handed out for an activation being opened (the write path allocates it before the
   * decider runs, since a counter is I/O); absent elsewhere, and where no allocator runs (tests, generators).
   */
  readonly caseNumber?: CaseNumber;
}
