import { expect } from '@jest/globals';
import { ActivationCommand } from './activation.commands.js';
import { ActivationDecision, decideActivation, foldActivation } from './activation.decider.js';
import { ActivationErrorCode } from './activation.errors.js';
import { ActivationEvent } from './activation.events.js';

/**
 * Given/when/then for the activation decider: `given(history).when(command).then(expectedEvents)` or
 * `.then(errorCode)`. Returns the decision so a test can look further, e.g. at the error message.
 */
export function given(history: readonly ActivationEvent[]) {
  return {
    when(command: ActivationCommand) {
      return {
        then(expected: readonly ActivationEvent[] | ActivationErrorCode): ActivationDecision {
          const decision = decideActivation(command, foldActivation(history));
          if (typeof expected === 'string') {
            expect(decision).toMatchObject({ ok: false, error: { code: expected } });
            // Every refusal is a sentence the person can act on, not a bare code.
            if (!decision.ok) expect(decision.error.message).toMatch(/^\S.{20,}\.$/s);
          } else {
            expect(decision).toEqual({ ok: true, events: expected });
            // Events are stored as jsonb and sent on feeds: they must survive JSON unchanged.
            if (decision.ok) expect(JSON.parse(JSON.stringify(decision.events))).toEqual(decision.events);
          }
          return decision;
        },
      };
    },
  };
}
