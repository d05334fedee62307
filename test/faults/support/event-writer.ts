import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { activationStreamId, catalogueEntry, configuredEventStore } from '#events';
import { loadConfig } from '#platform';

export interface WriteProgress {
  /** Events committed so far. */
  written: number;
  /** Appends that failed (and were retried) because the database was unavailable. */
  retries: number;
}

/**
 * Writes generated activation histories (decided by the real decider) through the event store's append,
 * one command's event per append with its expected version and a command id, from `writers` concurrent
 * writers: the production write path, at full speed. Until at least `events` events are written (and, with
 * `until`, for as long as it says to go on).
 * An append that fails is retried with the same command id, so a retry after a lost connection appends
 * nothing twice.
 */
export async function writeActivations(
  db: DataSource,
  {
    events,
    seed,
    prefix,
    writers = 6,
    until,
  }: {
    events: number;
    seed: number;
    prefix: string;
    writers?: number;
    /** Keeps writing past `events` until this says enough, so faults injected meanwhile always meet writes. */
    until?: () => boolean;
  },
  progress: WriteProgress = { written: 0, retries: 0 },
): Promise<WriteProgress> {
  const store = configuredEventStore(db, loadConfig());
  const activations = generateActivations(Number.MAX_SAFE_INTEGER, seed, prefix);
  let planned = 0;
  const next = () => {
    if (planned >= events && (until === undefined || until())) return undefined;
    const activation = activations.next().value!;
    planned += activation.events.length;
    return activation;
  };
  const writer = async () => {
    for (let activation = next(); activation; activation = next()) {
      const streamId = activationStreamId(activation.activationId);
      for (const [index, { event, actor, occurredAt }] of activation.events.entries()) {
        const commandId = randomUUID();
        const append = () =>
          store.append(
            streamId,
            index,
            [
              {
                eventId: randomUUID(),
                type: event.type,
                schemaVersion: catalogueEntry(event.type).schemaVersion,
                data: event.data,
                occurredAt,
                metadata: {
                  actor: { userId: actor.userId, agency: actor.agency, role: actor.role },
                  correlationId: commandId,
                  causationId: commandId,
                  commandId,
                },
              },
            ],
            { commandId, commandHash: `${streamId}/${index + 1}` },
          );
        for (let attempt = 1; ; attempt++) {
          try {
            await append();
            break;
          } catch (error) {
            if (attempt >= 60) throw error;
            progress.retries += 1;
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        }
        progress.written += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return progress;
}
