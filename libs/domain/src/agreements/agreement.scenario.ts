import { deciderScenario } from '../shared/decider.scenario.js';
import { RawAgreementCommand } from './agreement.commands.js';
import { foldAgreement, handleAgreementCommand } from './agreement.decider.js';
import { AgreementError } from './agreement.errors.js';
import { AgreementEvent } from './agreement.events.js';

/** Given/when/then for the agreement decider (see deciderScenario): a command as it arrives, with its context. */
export const given = deciderScenario<RawAgreementCommand, AgreementEvent, AgreementError>(
  (command, history, context) => handleAgreementCommand(command, foldAgreement(history), context),
);
