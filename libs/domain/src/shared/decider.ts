/** The outcome of deciding a command: the events to append (possibly none), or why the command is refused. */
export type Decision<E, Err> =
  { readonly ok: true; readonly events: E[] } | { readonly ok: false; readonly error: Err };

/**
 * The Decider pattern: all business rules live in `decide` and `evolve`, both pure, so a handler only
 * loads a stream, folds it, decides and appends.
 */
export interface Decider<C, E, S, Err> {
  readonly initialState: S;
  decide(command: C, state: S): Decision<E, Err>;
  evolve(state: S, event: E): S;
}

export function foldEvents<E, S>(
  decider: Pick<Decider<unknown, E, S, unknown>, 'initialState' | 'evolve'>,
  events: readonly E[],
): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}
