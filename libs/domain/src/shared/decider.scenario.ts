import { expect } from '@jest/globals';
import { RawCommandContext } from './command-context.js';
import { Decision } from './decider.js';

/** A command as a test writes it: its fields and, beside them, who sends it and when. */
export type ScenarioCommand<C> = C & { readonly actor?: unknown; readonly now?: unknown };

/**
 * Given/when/then for any decider: `given(history).when(command).then(expectedEvents)` or
 * `.then(errorCode)`. The command is written with its `actor` and `now`, which the scenario hands to the
 * decider as the context, apart from the command. Returns the decision so a test can look further, e.g.
 * at the error message.
 */
export function deciderScenario<C, E, Err extends { code: string; message: string }>(
  handle: (command: C, history: readonly E[], context: RawCommandContext) => Decision<E, Err>,
) {
  return (history: readonly E[]) => ({
    when: (written: ScenarioCommand<C>) => ({
      then(expected: readonly E[] | Err['code']): Decision<E, Err> {
        const { actor, now, ...command } = written;
        const decision = handle(command as C, history, { actor, now });
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
