/** The outcome of deciding a command: the events to append (possibly none), or why the command is refused. */
export type Decision<E, Err> =
  { readonly ok: true; readonly events: E[] } | { readonly ok: false; readonly error: Err };

/**
 * The Decider pattern: all business rules live in `decide` and `evolve`, both pure, so a handler only
 * loads a stream, folds it, decides and appends. `Context` is what a command is given apart from its
 * data (who, when).
 */
export interface Decider<C, E, S, Err, Context> {
  readonly initialState: S;
  decide(command: C, state: S, context: Context): Decision<E, Err>;
  evolve(state: S, event: E): S;
}

export function foldEvents<E, S>(
  decider: { readonly initialState: S; evolve(state: S, event: E): S },
  events: readonly E[],
): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}

/** A command checked and parsed with its context, or why it is refused (see each decider's `prepare…`). */
export type Prepared<C, Context, Err> =
  | { readonly ok: true; readonly value: { readonly command: C; readonly context: Context } }
  | { readonly ok: false; readonly error: Err };

/** Prepares and decides in one step: what a command as it arrived, with its raw context, leads to. */
export function prepareThenDecide<C, Context, RawContext, S, E, Err>(
  prepare: (input: unknown, context: RawContext) => Prepared<C, Context, Err>,
  decide: (command: C, state: S, context: Context) => Decision<E, Err>,
): (input: unknown, state: S, context: RawContext) => Decision<E, Err> {
  return (input, state, context) => {
    const prepared = prepare(input, context);
    return prepared.ok ? decide(prepared.value.command, state, prepared.value.context) : prepared;
  };
}
