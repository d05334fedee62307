import { randomBytes } from 'node:crypto';
import type { PoolClient, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import type { KeyProvider } from './key-provider.js';
import type { SubjectKey } from './sealed-value.js';

/**
 * Makes the statement's own commit not wait for its WAL flush (the setting ends with the statement's
 * transaction). What the two statements below write (keys, and which activations hold a subject) is
 * written for an event that is appended after them: that append's commit waits for the WAL to be flushed
 * up to it, which includes the key's commit before it. So an appended event never outlives, in a crash, a
 * key it is sealed under or its subject's filing; a key whose event never got appended may be lost, and is
 * made again. Without this, an append that makes keys waited for two flushes more than one that does not.
 */
const COMMIT_WITHOUT_FLUSH_WAIT = `(SELECT set_config('synchronous_commit', 'off', true)) AS commit_without_flush_wait`;

/**
 * The subjects' current keys, filing the (subject, activation) pairs given in the same statement;
 * for a subject without a key that is not erased, no key but the generation its next key gets (one past its
 * last erased one).
 */
const CURRENT_KEYS = `WITH filed AS (
       INSERT INTO subject_activations (subject_ref, activation_id)
       SELECT * FROM unnest($2::text[], $3::text[])
       ON CONFLICT DO NOTHING
     )
     SELECT r.ref AS subject_ref, k.key_id, k.master_key_id, k.wrapped_key,
            CASE WHEN k.key_id IS NULL THEN
              1 + coalesce((SELECT max(generation) FROM erased_subject_keys e WHERE e.subject_ref = r.ref), 0)
            END AS next_generation
     FROM ${COMMIT_WITHOUT_FLUSH_WAIT}
     CROSS JOIN unnest($1::text[]) AS r(ref)
     LEFT JOIN LATERAL (
       SELECT key_id, master_key_id, wrapped_key FROM subject_keys k
       WHERE k.subject_ref = r.ref
         AND NOT EXISTS (SELECT 1 FROM erased_subject_keys e WHERE e.key_id = k.key_id)
       ORDER BY k.generation DESC LIMIT 1
     ) k ON true`;

/** New keys; a key another writer made first (same subject and generation) is left as it is, and not returned. */
const MAKE_KEYS = `INSERT INTO subject_keys (key_id, subject_ref, generation, master_key_id, wrapped_key)
     SELECT m.key_id, m.subject_ref, m.generation, m.master_key_id, m.wrapped_key
     FROM ${COMMIT_WITHOUT_FLUSH_WAIT}
     CROSS JOIN unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bytea[])
       AS m(key_id, subject_ref, generation, master_key_id, wrapped_key)
     ON CONFLICT DO NOTHING
     RETURNING subject_ref`;

/** The keys by id, leaving out every key the erasure list names. */
const KEYS_BY_ID = `SELECT k.key_id, k.master_key_id, k.wrapped_key FROM subject_keys k
     WHERE k.key_id = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM erased_subject_keys e WHERE e.key_id = k.key_id)`;

/**
 * What the event store's append statement (one statement, its own snapshot) asks of these tables, as SQL
 * over the parameters it names (`$n`):
 * - `makeKeys`: the keys an append makes for subjects this process knew no key of (NewSubjectKey rows),
 *   left out where the subject already has a key of that generation or the erasure list names it,
 *   returning those made;
 * - `refused`: the append writes nothing when the erasure list names a key it is sealed under (a process
 *   kept it from before the erasure, or made a generation that was erased), or when one of its new keys
 *   was not made (the subject had one): it then looks the keys up and seals again;
 * - `fileSubjects`: files the activation's subjects its events hold, once they are written (`written`).
 */
export const appendGuard = {
  makeKeys: (ids: string, refs: string, generations: string, masterIds: string, wrapped: string) =>
    `INSERT INTO subject_keys (key_id, subject_ref, generation, master_key_id, wrapped_key)
       SELECT * FROM unnest(${ids}::text[], ${refs}::text[], ${generations}::int[], ${masterIds}::text[],
                            ${wrapped}::bytea[]) AS m(key_id, subject_ref, generation, master_key_id, wrapped_key)
       WHERE NOT EXISTS (SELECT 1 FROM erased_subject_keys e WHERE e.key_id = m.key_id)
       ON CONFLICT DO NOTHING
       RETURNING key_id`,
  refused: (keyIds: string, made: string, madeIds: string) =>
    `(EXISTS (SELECT 1 FROM erased_subject_keys e WHERE e.key_id = ANY(${keyIds}::text[]))
       OR (SELECT count(*) FROM ${made}) <> cardinality(${madeIds}::text[]))`,
  fileSubjects: (refs: string, activationIds: string, written: string) =>
    `INSERT INTO subject_activations (subject_ref, activation_id)
       SELECT * FROM unnest(${refs}::text[], ${activationIds}::text[]) WHERE ${written}
       ON CONFLICT DO NOTHING`,
};

/**
 * subject_keys, erased_subject_keys and subject_activations: the keys personal values are sealed under, one per data subject
 * (a pseudonym: of the BSN where there is one, else of activation and subject), each wrapped by the master
 * key, and the list of keys erased. A subject erased and recorded again later gets a new generation of key:
 * what was erased stays erased, what is recorded after is readable. subject_activations files which
 * activations hold values of which subject, so an erasure by BSN finds every case it reaches.
 *
 * The two tables are backed up apart: subject_keys with the key backups, erased_subject_keys with the
 * events. A key restored from an old backup is never used while the erasure list names it (every read here
 * leaves erased keys out), and reapplyErasures deletes it again.
 */
export class SubjectKeys {
  constructor(
    private readonly db: DataSource,
    private readonly provider: KeyProvider,
  ) {}

  /**
   * The key to seal new values of each subject under, made when it has none that is not erased; with
   * `activationId`, the subjects are also filed as held in that activation (subject_activations), in the
   * same statement. One round trip when every subject has a key, two when some are made (three when another
   * writer made one of them at the same moment: its key is read and used).
   */
  async currentKeys(subjectRefs: readonly string[], activationId?: string): Promise<Map<string, SubjectKey>> {
    const refs = [...new Set(subjectRefs)];
    return this.currentKeysFiled(
      refs,
      activationId === undefined ? [] : refs.map((ref) => ({ ref, activationId })),
    );
  }

  /**
   * The same for subjects of several activations at once (one statement for a batch of streams): the current
   * key of every subject in `subjectRefs`, each `filings` pair filed in subject_activations.
   */
  async currentKeysFiled(
    subjectRefs: readonly string[],
    filings: readonly SubjectFiling[],
  ): Promise<Map<string, SubjectKey>> {
    const refs = [...new Set(subjectRefs)];
    const rows = await this.current(refs, filings);
    const found = new Map<string, SubjectKey>();
    const missing: { ref: string; generation: number }[] = [];
    for (const row of rows) {
      if (row.key_id === null) missing.push({ ref: row.subject_ref, generation: row.next_generation! });
      else found.set(row.subject_ref, { id: row.key_id, key: await this.unwrap(row as KeyRow) });
    }
    if (missing.length > 0) {
      const made = await this.make(missing);
      const lost = missing.filter(({ ref }) => !made.has(ref)).map(({ ref }) => ref);
      for (const [ref, key] of made) found.set(ref, key);
      for (const row of lost.length > 0 ? await this.current(lost, []) : []) {
        if (row.key_id !== null)
          found.set(row.subject_ref, { id: row.key_id, key: await this.unwrap(row as KeyRow) });
      }
    }
    return found;
  }

  /** The keys by id, for opening sealed values; an erased or unknown key is absent. */
  async keysById(keyIds: readonly string[]): Promise<Map<string, Buffer>> {
    const rows = await this.query<KeyRow>('keten_subject_keys_by_id', KEYS_BY_ID, [[...new Set(keyIds)]]);
    const keys = new Map<string, Buffer>();
    for (const row of rows) keys.set(row.key_id, await this.unwrap(row));
    return keys;
  }

  /**
   * Erases a subject: every generation of its key goes on the erasure list and out of subject_keys, in one
   * transaction. Returns the ids of the keys erased (none when it had none: erasing twice changes nothing).
   */
  async erase(subjectRef: string, erasureId: string): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const rows: { key_id: string }[] = await tx.query(
        `INSERT INTO erased_subject_keys (key_id, subject_ref, generation, erasure_id)
         SELECT key_id, subject_ref, generation, $2 FROM subject_keys WHERE subject_ref = $1
         ON CONFLICT (key_id) DO NOTHING RETURNING key_id`,
        [subjectRef, erasureId],
      );
      await tx.query(`DELETE FROM subject_keys WHERE subject_ref = $1`, [subjectRef]);
      return rows.map((row) => row.key_id);
    });
  }

  /** After subject_keys was restored from a backup: deletes again every key the erasure list names. */
  async reapplyErasures(): Promise<number> {
    const deleted: unknown[] = await this.db.query(
      `DELETE FROM subject_keys k USING erased_subject_keys e WHERE k.key_id = e.key_id RETURNING k.key_id`,
    );
    return deleted.length;
  }

  /** The activations holding values of a subject (none once the subject was never sealed). */
  async activationsOf(subjectRef: string): Promise<string[]> {
    const rows: { activation_id: string }[] = await this.db.query(
      `SELECT activation_id FROM subject_activations WHERE subject_ref = $1 ORDER BY activation_id`,
      [subjectRef],
    );
    return rows.map((row) => row.activation_id);
  }

  private current(refs: readonly string[], filings: readonly SubjectFiling[]): Promise<CurrentKeyRow[]> {
    return this.query<CurrentKeyRow>('keten_subject_keys_current', CURRENT_KEYS, [
      refs,
      filings.map((f) => f.ref),
      filings.map((f) => f.activationId),
    ]);
  }

  /**
   * A key for each subject at the generation given: two writers making the same subject's key at once make
   * the same generation, and the first one's wins. Returns the keys this call made, by subject.
   */
  private async make(
    subjects: readonly { ref: string; generation: number }[],
  ): Promise<Map<string, SubjectKey>> {
    const made = await this.newKeys(subjects);
    const inserted = await this.query<{ subject_ref: string }>('keten_subject_keys_make', MAKE_KEYS, [
      made.map((m) => m.keyId),
      made.map((m) => m.ref),
      made.map((m) => m.generation),
      made.map((m) => m.masterKeyId),
      made.map((m) => m.wrapped),
    ]);
    const ours = new Set(inserted.map((row) => row.subject_ref));
    return new Map(made.filter((m) => ours.has(m.ref)).map((m) => [m.ref, { id: m.keyId, key: m.key }]));
  }

  /**
   * New keys for these subjects at these generations, wrapped, in memory only: `make` stores them, or an
   * append stores them in its own statement (appendGuard.makeKeys), for subjects it knew no key of.
   */
  async newKeys(subjects: readonly { ref: string; generation: number }[]): Promise<NewSubjectKey[]> {
    return Promise.all(
      subjects.map(async ({ ref, generation }) => {
        const keyId = subjectKeyId(ref, generation);
        const key = randomBytes(32);
        const { masterKeyId, wrapped } = await this.provider.wrap(key, keyId);
        return { keyId, ref, generation, masterKeyId, wrapped, key };
      }),
    );
  }

  /**
   * A statement of this table, named: Postgres parses and plans it once per connection (they run on every
   * append and every read of events).
   */
  private async query<Row extends QueryResultRow>(
    name: string,
    text: string,
    values: unknown[],
  ): Promise<Row[]> {
    const runner = this.db.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      return (await client.query<Row>({ name, text, values })).rows;
    } finally {
      await runner.release();
    }
  }

  private unwrap(row: KeyRow): Promise<Buffer> {
    return this.provider.unwrap({ masterKeyId: row.master_key_id, wrapped: row.wrapped_key }, row.key_id);
  }
}

/** A key made in memory, wrapped, not yet stored. */
export interface NewSubjectKey {
  readonly keyId: string;
  readonly ref: string;
  readonly generation: number;
  readonly masterKeyId: string;
  readonly wrapped: Buffer;
  readonly key: Buffer;
}

/** A subject held in an activation: what subject_activations files. */
export interface SubjectFiling {
  readonly ref: string;
  readonly activationId: string;
}

interface KeyRow {
  key_id: string;
  master_key_id: string;
  wrapped_key: Buffer;
}

/** A subject's current key, or (all null) none, with the generation its next key gets. */
interface CurrentKeyRow {
  subject_ref: string;
  key_id: string | null;
  master_key_id: string | null;
  wrapped_key: Buffer | null;
  next_generation: number | null;
}

/** A key's id: the subject's pseudonym and the generation, so an erased generation is never reused. */
export function subjectKeyId(subjectRef: string, generation: number): string {
  return `${subjectRef}.${generation}`;
}
