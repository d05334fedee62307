import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { EventUpcasting, NewEvent, NO_UPCASTING, StoredEvent } from './event-envelope.js';
import { CommandIdReusedError, StreamVersionConflictError } from './event-store.errors.js';
import { CommitWakeUp } from './events-channel.js';
import type { PersonalDataVault, SealedAppend } from '../personal-data/personal-data-vault.js';
import { appendGuard } from '../personal-data/subject-keys.table.js';

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append (the version of its last event). */
  streamVersion: number;
  eventIds: string[];
  /** True when the command id was seen before: nothing was appended, this is the first result. */
  duplicate: boolean;
  /** Where the last appended event stands in the subscriptions' order; absent when nothing was appended. */
  checkpoint?: SubscriptionCheckpoint;
}

/** A point in the gap-safe order: subscriptions that passed it have handled every event up to it. */
export interface SubscriptionCheckpoint {
  transactionId: string;
  position: string;
}

export interface CommandIdentity {
  commandId: string;
  /** A digest of the command's content, to tell an honest retry from a reused id. */
  commandHash: string;
  /** The caller already looked the id up in the ledger (previousResult): the append need not again. */
  checked?: boolean;
}

export interface EventRow {
  position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: StoredEvent['metadata'];
  occurred_at: Date;
  recorded_at: Date;
}

export const EVENT_COLUMNS =
  'position, transaction_id::text AS transaction_id, stream_id, stream_version, event_id, type, schema_version, ' +
  'data, metadata, occurred_at, recorded_at';

const UNIQUE_VIOLATION = '23505';

/** The append statement of EventStore.insert (see there). */
const APPEND = `WITH made AS (${appendGuard.makeKeys('$12', '$13', '$14', '$15', '$16')}),
     guard AS (SELECT ${appendGuard.refused('$11', 'made', '$12')} AS keys_refused),
     appended AS (
       INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
       SELECT $1, $2::int + e.ord::int, e.event_id, e.type, e.schema_version, e.data, e.metadata, e.occurred_at
       FROM unnest($3::uuid[], $4::text[], $5::smallint[], $6::jsonb[], $7::jsonb[], $8::timestamptz[])
            WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, occurred_at, ord)
       WHERE NOT (SELECT keys_refused FROM guard)
         AND ($2::int = 0 OR EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND stream_version = $2::int))
       RETURNING stream_version, position, transaction_id
     ),
     last AS (SELECT * FROM appended ORDER BY stream_version DESC LIMIT 1),
     ledger AS (
       INSERT INTO processed_commands (command_id, command_hash, stream_id, result)
       SELECT $9::uuid, $10, $1, jsonb_build_object(
         'streamId', $1::text, 'streamVersion', last.stream_version, 'eventIds', to_jsonb($3::uuid[]),
         'duplicate', false,
         'checkpoint', jsonb_build_object('transactionId', last.transaction_id::text, 'position', last.position::text))
       FROM last WHERE $9::uuid IS NOT NULL
     ),
     filed AS (${appendGuard.fileSubjects('$17', '$18', 'EXISTS (SELECT 1 FROM last)')})
     SELECT last.stream_version, last.position::text AS position, last.transaction_id::text AS transaction_id,
            guard.keys_refused
     FROM guard LEFT JOIN last ON true`;

/** How often an append seals again after the erasure list named a key it was sealed under. */
const RESEALS = 3;

interface AppendedRow {
  stream_version: number | null;
  position: string | null;
  transaction_id: string | null;
  keys_refused: boolean;
}

/** The events of an append, sealed, with what its statement checks, stores and files (SealedAppend). */
type AppendInput = SealedAppend<NewEvent>;

/**
 * The one way events enter keten. Appends are atomic per command, optimistic per stream
 * (a stale expected version is a typed conflict) and idempotent per command id.
 */
export class EventStore {
  private readonly wakeUp: CommitWakeUp;

  /**
   * `vault` seals the personal values of what is appended and opens them in what is read (issue 19); a
   * store without one (tests of the store's own mechanics) seals nothing and leaves sealed values sealed.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly upcasting: EventUpcasting = NO_UPCASTING,
    private readonly vault?: PersonalDataVault,
  ) {
    this.wakeUp = new CommitWakeUp(dataSource);
  }

  async append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    command?: CommandIdentity,
  ): Promise<AppendResult> {
    if (command && !command.checked) {
      const earlier = await this.processedCommand(this.dataSource.manager, command);
      if (earlier) return earlier;
    }
    if (events.length === 0)
      return { streamId, streamVersion: expectedVersion, eventIds: [], duplicate: false };
    try {
      for (let attempt = 0; ; attempt++) {
        const sealed: AppendInput = this.vault
          ? await this.vault.sealForAppend(streamId, events, attempt > 0)
          : { events, keyIds: [], made: [], filings: [] };
        const result = await this.insert(streamId, expectedVersion, sealed, command);
        if (result) {
          this.vault?.appended(sealed);
          return result;
        }
        // A key it was sealed under was erased since this process kept it, or a subject it took for new
        // had a key: seal again with the subjects' current keys.
        this.vault!.forget(sealed.keyIds);
        if (attempt === RESEALS)
          throw new Error(`Subject keys of ${streamId} kept being erased while appending.`);
      }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A racing twin of this command may have won; its result is the answer, not a conflict.
      const earlier = command && (await this.processedCommand(this.dataSource.manager, command));
      if (earlier) return earlier;
      throw new StreamVersionConflictError(streamId);
    }
  }

  /** The result of a command id handled before, or undefined; a reused id with other content is refused. */
  previousResult(command: CommandIdentity): Promise<AppendResult | undefined> {
    return this.processedCommand(this.dataSource.manager, command);
  }

  /** The stream's current version (0 for a stream without events): a cheap look before retrying a conflict. */
  async streamVersion(streamId: string): Promise<number> {
    const [{ version }] = await this.dataSource.query(
      `SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1`,
      [streamId],
    );
    return version;
  }

  /**
   * The stream's events after `afterVersion`, oldest first; `upToVersion` bounds it, and `tx` reads inside
   * the caller's transaction (the projector replaying a stream it is projecting).
   */
  async readStream(
    streamId: string,
    afterVersion = 0,
    { upToVersion, tx }: { upToVersion?: number; tx?: EntityManager } = {},
  ): Promise<StoredEvent[]> {
    const rows: EventRow[] = await (tx ?? this.dataSource.manager).query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version > $2 AND stream_version <= $3
       ORDER BY stream_version`,
      [streamId, afterVersion, upToVersion ?? 2_147_483_647],
    );
    return this.toStoredEvents(rows);
  }

  /**
   * The events with these ids, opened and upcast like every read, in one query (by the unique event_id)
   * and one key lookup for all of them; an unknown id is left out, the order is the store's position. For
   * a reader holding copies of many events (the feed rows) that must see them as the store reads them now.
   */
  async readEvents(eventIds: readonly string[], { tx }: { tx?: EntityManager } = {}): Promise<StoredEvent[]> {
    if (eventIds.length === 0) return [];
    const rows: EventRow[] = await (tx ?? this.dataSource.manager).query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY position`,
      [[...new Set(eventIds)]],
    );
    return this.toStoredEvents(rows);
  }

  /**
   * Maps raw events rows to the envelope readers see: personal values opened (ERASED where a key is gone),
   * then upcast to the current schema version. Every read of events goes through here.
   */
  async toStoredEvents(rows: readonly EventRow[]): Promise<StoredEvent[]> {
    const opened = this.vault ? await this.vault.open(rows.map((row) => row.data)) : rows.map((r) => r.data);
    return rows.map((row, index) => this.toStoredEvent(row, opened[index]));
  }

  private toStoredEvent(row: EventRow, opened: unknown): StoredEvent {
    const { schemaVersion, data } = this.upcasting.upcast(row.type, row.schema_version, opened);
    return {
      position: String(row.position),
      transactionId: row.transaction_id,
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      eventId: row.event_id,
      type: row.type,
      schemaVersion,
      data,
      metadata: row.metadata,
      occurredAt: new Date(row.occurred_at).toISOString(),
      recordedAt: new Date(row.recorded_at).toISOString(),
    };
  }

  /**
   * The whole append is one statement, so it needs no transaction of its own and costs one round trip:
   * the events (only if the stream really stands at `expectedVersion`: no gaps in versions), the
   * command's ledger row with its result. A racing append at the same version fails on the (stream,
   * version) key; a racing twin of the command on its id. The subscriptions are woken after the commit.
   */
  private async insert(
    streamId: string,
    expectedVersion: number,
    { events, keyIds, made, filings }: AppendInput,
    command: CommandIdentity | undefined,
  ): Promise<AppendResult | undefined> {
    const runner = this.dataSource.createQueryRunner();
    let appended: AppendedRow[];
    try {
      const client = (await runner.connect()) as PoolClient;
      // A named statement is parsed and planned once per connection: half the cost of the append.
      ({ rows: appended } = await client.query<AppendedRow>({
        name: 'keten_append',
        text: APPEND,
        values: [
          streamId,
          expectedVersion,
          events.map((e) => e.eventId),
          events.map((e) => e.type),
          events.map((e) => e.schemaVersion),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata)),
          events.map((e) => e.occurredAt),
          command?.commandId ?? null,
          command?.commandHash ?? null,
          keyIds,
          made.map((key) => key.keyId),
          made.map((key) => key.ref),
          made.map((key) => key.generation),
          made.map((key) => key.masterKeyId),
          made.map((key) => key.wrapped),
          filings.map((filing) => filing.ref),
          filings.map((filing) => filing.activationId),
        ],
      }));
    } finally {
      await runner.release();
    }
    const [last] = appended as [AppendedRow];
    if (last.stream_version === null) {
      // Nothing appended: a key it is sealed under was erased or a new one not stored (undefined: seal
      // again), or the stream is not at `expectedVersion` (it is behind it).
      if (last.keys_refused) return undefined;
      // Its new keys were stored all the same (the guard passed): kept, so a retry does not make them again.
      this.vault?.appended({ events, keyIds, made, filings: [] });
      throw new StreamVersionConflictError(streamId);
    }
    this.wakeUp.committed();
    return {
      streamId,
      streamVersion: last.stream_version,
      eventIds: events.map((e) => e.eventId),
      duplicate: false,
      checkpoint: { transactionId: last.transaction_id!, position: last.position! },
    };
  }

  private async processedCommand(
    db: EntityManager,
    command: CommandIdentity,
  ): Promise<AppendResult | undefined> {
    const [row]: { command_hash: string; result: AppendResult }[] = await db.query(
      `SELECT command_hash, result FROM processed_commands WHERE command_id = $1`,
      [command.commandId],
    );
    if (!row) return undefined;
    if (row.command_hash !== command.commandHash) throw new CommandIdReusedError(command.commandId);
    return { ...row.result, duplicate: true };
  }
}

function isUniqueViolation(error: unknown): boolean {
  // From TypeORM (wrapping the driver's error) or from the pg client directly (the append).
  const driverError = error instanceof QueryFailedError ? error.driverError : error;
  return (driverError as { code?: string } | undefined)?.code === UNIQUE_VIOLATION;
}
