import { deciderScenario } from '../shared/decider.scenario.js';
import { RawErasureCommand } from './erasure.commands.js';
import { foldErasure, handleErasureCommand, SubjectPseudonyms } from './erasure.decider.js';
import { ErasureError } from './erasure.errors.js';
import { ErasureEvent } from './erasure.events.js';

/** Pseudonyms a test can read: the real ones are keyed hashes made outside the domain. */
export const TEST_PSEUDONYMS: SubjectPseudonyms = {
  ofBsn: (bsn) => `pseudonym-of-bsn-${bsn.length}-digits`,
  ofCaseSubject: (activationId, subjectId) => `pseudonym-of-${activationId}/${subjectId}`,
};

/** Given/when/then for erasures. */
export const given = deciderScenario<RawErasureCommand, ErasureEvent, ErasureError>(
  (command, history, context) =>
    handleErasureCommand(command, foldErasure(history), { ...context, pseudonyms: TEST_PSEUDONYMS }),
);
