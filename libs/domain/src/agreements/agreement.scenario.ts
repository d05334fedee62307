import { deciderScenario } from '../shared/decider.scenario.js';
import { AgreementCommand } from './agreement.commands.js';
import { decideAgreement, foldAgreement } from './agreement.decider.js';
import { AgreementError } from './agreement.errors.js';
import { AgreementEvent } from './agreement.events.js';

/** Given/when/then for the agreement decider (see deciderScenario). */
export const given = deciderScenario<AgreementCommand, AgreementEvent, AgreementError>((command, history) =>
  decideAgreement(command, foldAgreement(history)),
);
