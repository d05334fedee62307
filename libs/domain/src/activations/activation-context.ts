import { CommandContext } from '../shared/command-context.js';
import { RegionalCoordination } from '../shared/regional-coordination.value.js';

/** What an activation command is given besides its data: who and when, and who coordinates which region. */
export interface ActivationContext extends CommandContext {
  readonly coordination: RegionalCoordination;
}
