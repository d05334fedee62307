import { useSyncExternalStore } from 'react';
import type { Client } from 'urql';
import { problemOf } from '../api/client';
import {
  CommandQueue,
  EMPTY_QUEUE,
  type Delivery,
  type QueuedCommand,
  type QueueState,
} from './command-queue';

const STORED = 'keten.field-mode.queue';

/** The device's queue, in localStorage: it outlives a reload and a lost connection. */
export const fieldQueue = new CommandQueue({
  load(): QueueState {
    try {
      return { ...EMPTY_QUEUE, ...(JSON.parse(localStorage.getItem(STORED) ?? 'null') as QueueState | null) };
    } catch {
      return EMPTY_QUEUE;
    }
  },
  save(state) {
    localStorage.setItem(STORED, JSON.stringify(state));
  },
});

/**
 * Answers that say "not now" rather than "no": the network, a token that ran out while offline (the session
 * refreshes it), the agency's rate limit, an api not ready. The command keeps waiting, with its command id.
 */
const LATER = new Set(['NETWORK', 'UNAUTHENTICATED', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE']);

/** Sends one queued command as its first attempt did. */
export function deliverWith(client: Client) {
  return async (command: QueuedCommand): Promise<Delivery> => {
    const result = await client.mutation(command.query, command.variables).toPromise();
    if (!result.error) return { outcome: 'done' };
    const problem = problemOf(result.error);
    return LATER.has(problem.code ?? '')
      ? { outcome: 'unreachable' }
      : { outcome: 'refused', message: problem.message };
  };
}

export function useFieldQueue(): QueueState {
  return useSyncExternalStore(
    (listener) => fieldQueue.subscribe(listener),
    () => fieldQueue.current,
  );
}
