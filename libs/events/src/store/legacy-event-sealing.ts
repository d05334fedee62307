import { isActivationEventType } from '#domain';
import { DataSource, EntityManager } from 'typeorm';
import type { PersonalDataVault } from '../personal-data/personal-data-vault.js';
import { keyIdsIn } from '../personal-data/payload-sealing.js';
import { checkpointsTable } from './checkpoints.table.js';
import type { EventUpcasting } from './event-envelope.js';
import type { SubscriptionCheckpoint } from './event-store.js';
import { activationIdOfStream } from './stream-ids.js';

/** The pass's place in the events, kept like a subscription's (it is not one: nothing handles its events). */
export const LEGACY_SEALING_CHECKPOINT = 'legacy-sealing';

/** The transaction-local setting the events table's UPDATE trigger asks for (migration LegacySealing1795400000260). */
const SEALING_SETTING = 'keten.sealing_legacy_events';

/** A payload holding a sealed value at any depth: written by a release that seals, never to be sealed again. */
const HOLDS_SEALED = `jsonb_path_exists(data, 'strict $.**."$sealed"')`;

export interface LegacySealingProgress {
  /** Events looked at so far in this run. */
  readonly examined: number;
  /** Events after the pass's checkpoint when the run began (more when events are appended meanwhile). */
  readonly total: number;
  /** Of those examined, the events this run rewrote with their personal values sealed. */
  readonly sealed: number;
}

export interface LegacySealingSummary extends LegacySealingProgress {
  /** False when the run was stopped (its signal) before it had looked at every event. */
  readonly complete: boolean;
}

export interface LegacySealingOptions {
  /** Events per batch; each batch is one transaction. */
  readonly batchSize: number;
  /** Called after every batch. */
  readonly onProgress?: (progress: LegacySealingProgress) => void;
  /** Stops the run between two batches (a worker shutting down); the next run resumes from there. */
  readonly signal?: AbortSignal;
}

/** Why the pass could not seal; `code` for operators' alerts, the message says what to do. */
export class LegacySealingError extends Error {
  constructor(
    readonly code: 'LEGACY_SEALING_NOT_MIGRATED' | 'LEGACY_SEALING_UNREADABLE_EVENT',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LegacySealingError';
  }
}

interface ExaminedRow {
  position: string;
  transaction_id: string;
  stream_id: string;
  event_id: string;
  type: string;
  schema_version: number;
  /** Only for a payload holding no sealed value: the others need no work, so they are not fetched. */
  data: unknown | null;
  /** Written by a transaction older than every running one: nothing can commit before it any more. */
  settled: boolean;
}

interface Rewrite {
  position: string;
  data: unknown;
  schemaVersion: number;
}

/**
 * Seals the events a release before 599f306 stored with their personal values in the clear (issue 19): each
 * activation event holding no sealed value is upcast to the current schema and sealed by the vault exactly
 * as an append seals it (the same function, the same keys, subjects filed in subject_activations), then
 * written back with the current schema version, through the one exception the events table's trigger
 * makes. Nothing else of an event changes: its position, transaction id and times stay, so the gap-safe
 * subscriptions, which read by (transaction id, position), neither deliver it again nor see it move.
 *
 * Idempotent: an event holding a sealed value is never touched (append seals every value of an event at
 * once, so such an event has none in the clear). It runs in batches, each one transaction that also moves
 * the pass's checkpoint, so a run stopped halfway resumes where it stopped, and two runs at once (two
 * workers starting) take turns on the checkpoint's row lock. The checkpoint only passes events no older
 * transaction can still commit before (below the gap-safe horizon); later ones are looked at again next
 * time, which costs little as they are sealed.
 */
export class LegacyEventSealing {
  constructor(
    private readonly dataSource: DataSource,
    private readonly upcasting: EventUpcasting,
    private readonly vault: PersonalDataVault,
  ) {}

  async run({ batchSize, onProgress, signal }: LegacySealingOptions): Promise<LegacySealingSummary> {
    const [{ migrated }]: { migrated: boolean }[] = await this.dataSource.query(
      `SELECT to_regprocedure('events_seal_legacy_only()') IS NOT NULL AS migrated`,
    );
    if (!migrated) {
      throw new LegacySealingError(
        'LEGACY_SEALING_NOT_MIGRATED',
        'This database is not migrated to this release, so its events cannot be sealed yet: run ' +
          '`npm run db:prepare` (migration LegacySealing1795400000260 and the key tables before it), then the pass again.',
      );
    }
    await checkpointsTable.ensure(this.dataSource.manager, LEGACY_SEALING_CHECKPOINT);
    let cursor = await checkpointsTable.at(this.dataSource.manager, LEGACY_SEALING_CHECKPOINT);
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM events WHERE (transaction_id, position) > ($1::xid8, $2::bigint)`,
      [cursor.transactionId, cursor.position],
    );
    let examined = 0;
    let sealed = 0;
    while (!signal?.aborted) {
      const batch = await this.sealBatch(cursor, batchSize);
      if (batch.examined === 0) break;
      cursor = batch.cursor;
      examined += batch.examined;
      sealed += batch.sealed;
      onProgress?.({ examined, total: Math.max(total, examined), sealed });
      if (batch.examined < batchSize) break;
    }
    return { examined, total: Math.max(total, examined), sealed, complete: !signal?.aborted };
  }

  private async sealBatch(
    after: SubscriptionCheckpoint,
    batchSize: number,
  ): Promise<{ examined: number; sealed: number; cursor: SubscriptionCheckpoint }> {
    return this.dataSource.transaction(async (tx) => {
      // Before this transaction takes an id of its own (the row lock below), as a subscription reads it.
      const [{ horizon }] = await tx.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`);
      // Another run may have gone further meanwhile (the lock waited for it): go on from there.
      const stored = await checkpointsTable.lock(tx, LEGACY_SEALING_CHECKPOINT);
      const from = isAfter(stored, after) ? stored : after;
      // Ordered by the table's columns, not the text aliases of the same names (which sort 112109 before 80913).
      const rows: ExaminedRow[] = await tx.query(
        `SELECT position::text AS position, transaction_id::text AS transaction_id, stream_id, event_id::text AS event_id,
                type, schema_version, CASE WHEN NOT ${HOLDS_SEALED} THEN data END AS data,
                transaction_id < $4::xid8 AS settled
         FROM events WHERE (events.transaction_id, events.position) > ($1::xid8, $2::bigint)
         ORDER BY events.transaction_id, events.position
         LIMIT $3`,
        [from.transactionId, from.position, batchSize, horizon],
      );
      if (rows.length === 0) return { examined: 0, sealed: 0, cursor: from };
      const rewrites = await this.sealed(rows);
      if (rewrites.length > 0) await this.rewrite(tx, rewrites);
      const settled = rows.filter((row) => row.settled).at(-1);
      if (settled) await checkpointsTable.advance(tx, LEGACY_SEALING_CHECKPOINT, pointOf(settled));
      return { examined: rows.length, sealed: rewrites.length, cursor: pointOf(rows.at(-1)!) };
    });
  }

  /** The rows' activation events that hold personal values in the clear, upcast and sealed, stream by stream. */
  private async sealed(rows: readonly ExaminedRow[]): Promise<Rewrite[]> {
    const byStream = new Map<
      string,
      { position: string; type: string; schemaVersion: number; data: unknown }[]
    >();
    for (const row of rows) {
      if (row.data === null || activationIdOfStream(row.stream_id) === undefined) continue;
      if (!isActivationEventType(row.type)) continue;
      let current: { schemaVersion: number; data: unknown };
      try {
        current = this.upcasting.upcast(row.type, row.schema_version, row.data);
      } catch (error) {
        throw new LegacySealingError(
          'LEGACY_SEALING_UNREADABLE_EVENT',
          `Event ${row.event_id} (${row.type}, schema version ${row.schema_version}, position ${row.position}) ` +
            `cannot be read by this release, so its personal values cannot be sealed: ${(error as Error).message}. ` +
            'Run the release that wrote it, or correct the catalogue, and run the pass again.',
          { cause: error },
        );
      }
      const events = byStream.get(row.stream_id) ?? [];
      events.push({ position: row.position, type: row.type, ...current });
      byStream.set(row.stream_id, events);
    }
    const rewrites: Rewrite[] = [];
    for (const [streamId, events] of byStream) {
      for (const event of await this.vault.seal(streamId, events)) {
        // An event without personal values comes back as it was, with nothing sealed: it is left alone.
        if (keyIdsIn(event.data).length === 0) continue;
        rewrites.push({ position: event.position, data: event.data, schemaVersion: event.schemaVersion });
      }
    }
    return rewrites;
  }

  private async rewrite(tx: EntityManager, rewrites: readonly Rewrite[]): Promise<void> {
    await tx.query(`SELECT set_config($1, 'on', true)`, [SEALING_SETTING]);
    await tx.query(
      `UPDATE events e SET data = u.data, schema_version = u.schema_version
       FROM unnest($1::bigint[], $2::jsonb[], $3::smallint[]) AS u(position, data, schema_version)
       WHERE e.position = u.position`,
      [
        rewrites.map((r) => r.position),
        rewrites.map((r) => JSON.stringify(r.data)),
        rewrites.map((r) => r.schemaVersion),
      ],
    );
  }
}

function pointOf(row: ExaminedRow): SubscriptionCheckpoint {
  return { transactionId: row.transaction_id, position: row.position };
}

/** Whether `a` lies after `b` in the gap-safe order (transaction id, then position). */
function isAfter(a: SubscriptionCheckpoint, b: SubscriptionCheckpoint): boolean {
  const [ta, tb] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  return ta !== tb ? ta > tb : BigInt(a.position) > BigInt(b.position);
}
