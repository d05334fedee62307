import { deciderScenario } from '../shared/decider.scenario.js';
import { ActivationCommand } from './activation.commands.js';
import { decideActivation, foldActivation } from './activation.decider.js';
import { ActivationError } from './activation.errors.js';
import { ActivationEvent } from './activation.events.js';

/** Given/when/then for the activation decider (see deciderScenario). */
export const given = deciderScenario<ActivationCommand, ActivationEvent, ActivationError>(
  (command, history) => decideActivation(command, foldActivation(history)),
);
