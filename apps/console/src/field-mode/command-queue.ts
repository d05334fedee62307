import type { Session } from '../session/auth';

/**
 * Field mode's queue: the commands a person gave while the api could not be reached, kept on the device
 * with the command id of their first attempt, and sent in the order given once it can be reached again.
 * The api handles a command id once (a repeat returns the first result), so a command whose answer was
 * lost and that is sent again happens exactly once. Pure: the storage and the sending are given to it.
 */
export interface QueuedCommand {
  readonly commandId: string;
  /** Who gave it (ownerOf: agency and user id): only their own session sends it. */
  readonly owner: string;
  /** Message id of the action, to say on the screen what is waiting. */
  readonly label: string;
  /** The mutation's text and its variables, as the first attempt sent them. */
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly queuedAt: string;
}

/** A queued command the api refused once it was sent: it appended nothing, and the person is told why. */
export interface RefusedCommand extends QueuedCommand {
  readonly message: string;
}

export type Delivery =
  | { readonly outcome: 'done' }
  | { readonly outcome: 'refused'; readonly message: string }
  | { readonly outcome: 'unreachable' };

export interface QueueState {
  readonly waiting: readonly QueuedCommand[];
  readonly refused: readonly RefusedCommand[];
}

export interface QueueStore {
  load(): QueueState;
  save(state: QueueState): void;
}

/** Whose a command is: the agency and the user id, not the name (two people may share one). */
export const ownerOf = (session: Pick<Session, 'agency' | 'userId'>): string =>
  `${session.agency}/${session.userId}`;

export const EMPTY_QUEUE: QueueState = { waiting: [], refused: [] };

export class CommandQueue {
  private state: QueueState;
  private flushing: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: QueueStore) {
    this.state = store.load();
  }

  get current(): QueueState {
    return this.state;
  }

  /** Keeps a command to send later; the same command id given again replaces it rather than doubling it. */
  enqueue(command: QueuedCommand): void {
    this.update({
      ...this.state,
      waiting: [...this.state.waiting.filter((held) => held.commandId !== command.commandId), command],
    });
  }

  dismiss(commandId: string): void {
    this.update({
      ...this.state,
      refused: this.state.refused.filter((held) => held.commandId !== commandId),
    });
  }

  /**
   * Sends the owner's waiting commands one by one, in the order given; stops at the first the api cannot be
   * reached for (it and those after it stay). One flush at a time: a second call while one runs joins it.
   */
  flush(owner: string, deliver: (command: QueuedCommand) => Promise<Delivery>): Promise<void> {
    this.flushing ??= this.send(owner, deliver).finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async send(owner: string, deliver: (command: QueuedCommand) => Promise<Delivery>): Promise<void> {
    for (;;) {
      const next = this.state.waiting.find((command) => command.owner === owner);
      if (!next) return;
      const delivery = await deliver(next);
      if (delivery.outcome === 'unreachable') return;
      const waiting = this.state.waiting.filter((command) => command.commandId !== next.commandId);
      const refused =
        delivery.outcome === 'refused'
          ? [...this.state.refused, { ...next, message: delivery.message }]
          : this.state.refused;
      this.update({ waiting, refused });
    }
  }

  private update(state: QueueState): void {
    this.state = state;
    this.store.save(state);
    for (const listener of this.listeners) listener();
  }
}
