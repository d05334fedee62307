import { deciderScenario } from '../shared/decider.scenario.js';
import { RawActivationCommand } from './activation.commands.js';
import { foldActivation, handleActivationCommand } from './activation.decider.js';
import { ActivationError } from './activation.errors.js';
import { ActivationEvent } from './activation.events.js';

/** Given/when/then for the activation decider (see deciderScenario): a command as it arrives, with its context. */
export const given = deciderScenario<RawActivationCommand, ActivationEvent, ActivationError>(
  (command, history, context) => handleActivationCommand(command, foldActivation(history), context),
);
