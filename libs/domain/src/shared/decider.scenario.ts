import { expect } from '@jest/globals';
import { Decision } from './decider.js';

/**
 * Given/when/then for any decider: `given(history).when(command).then(expectedEvents)` or
 * `.then(errorCode)`. Returns the decision so a test can look further, e.g. at the error message.
 */
export function deciderScenario<C, E, Err extends { code: string; message: string }>(
  decide: (command: C, history: readonly E[]) => Decision<E, Err>,
) {
  return (history: readonly E[]) => ({
    when: (command: C) => ({
      then(expected: readonly E[] | Err['code']): Decision<E, Err> {
        const decision = decide(command, history);
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
    }),
  });
}
