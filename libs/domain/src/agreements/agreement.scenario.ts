import { expect } from '@jest/globals';
import { AgreementCommand } from './agreement.commands.js';
import { AgreementDecision, decideAgreement, foldAgreement } from './agreement.decider.js';
import { AgreementErrorCode } from './agreement.errors.js';
import { AgreementEvent } from './agreement.events.js';

/**
 * Given/when/then for the agreement decider: `given(history).when(command).then(expectedEvents)` or
 * `.then(errorCode)`. Returns the decision so a test can look further, e.g. at the error message.
 */
export function given(history: readonly AgreementEvent[]) {
  return {
    when(command: AgreementCommand) {
      return {
        then(expected: readonly AgreementEvent[] | AgreementErrorCode): AgreementDecision {
          const decision = decideAgreement(command, foldAgreement(history));
          if (typeof expected === 'string') {
            expect(decision).toMatchObject({ ok: false, error: { code: expected } });
            // Every refusal is a sentence the person can act on, not a bare code.
            if (!decision.ok) expect(decision.error.message).toMatch(/^\S.{20,}\.$/s);
          } else {
            expect(decision).toEqual({ ok: true, events: expected });
            // Events are stored as jsonb: they must survive JSON unchanged.
            if (decision.ok) expect(JSON.parse(JSON.stringify(decision.events))).toEqual(decision.events);
          }
          return decision;
        },
      };
    },
  };
}
