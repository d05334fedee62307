import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { KeyProvider } from './key-provider.js';
import type { SubjectKey } from './sealed-value.js';

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
   * same statement.
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
    const found = await this.current(refs, filings);
    const missing = refs.filter((ref) => !found.has(ref));
    if (missing.length > 0) {
      await this.make(missing);
      for (const [ref, key] of await this.current(missing, [])) found.set(ref, key);
    }
    return found;
  }

  /** The keys by id, for opening sealed values; an erased or unknown key is absent. */
  async keysById(keyIds: readonly string[]): Promise<Map<string, Buffer>> {
    const rows: KeyRow[] = await this.db.query(
      `SELECT k.key_id, k.master_key_id, k.wrapped_key FROM subject_keys k
       WHERE k.key_id = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM erased_subject_keys e WHERE e.key_id = k.key_id)`,
      [[...new Set(keyIds)]],
    );
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

  private async current(
    refs: readonly string[],
    filings: readonly SubjectFiling[],
  ): Promise<Map<string, SubjectKey>> {
    const rows: (KeyRow & { subject_ref: string })[] = await this.db.query(
      `WITH filed AS (
         INSERT INTO subject_activations (subject_ref, activation_id)
         SELECT * FROM unnest($2::text[], $3::text[])
         ON CONFLICT DO NOTHING
       )
       SELECT DISTINCT ON (k.subject_ref) k.subject_ref, k.key_id, k.master_key_id, k.wrapped_key
       FROM subject_keys k
       WHERE k.subject_ref = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM erased_subject_keys e WHERE e.key_id = k.key_id)
       ORDER BY k.subject_ref, k.generation DESC`,
      [refs, filings.map((f) => f.ref), filings.map((f) => f.activationId)],
    );
    const keys = new Map<string, SubjectKey>();
    for (const row of rows) keys.set(row.subject_ref, { id: row.key_id, key: await this.unwrap(row) });
    return keys;
  }

  /**
   * A key for each subject, one generation past its last erased one (the first when none was erased): two
   * writers making the same subject's key at once make the same generation, and the first one's wins.
   */
  private async make(refs: readonly string[]): Promise<void> {
    const generations: { subject_ref: string; next: number }[] = await this.db.query(
      `SELECT r.ref AS subject_ref,
              1 + coalesce((SELECT max(generation) FROM erased_subject_keys WHERE subject_ref = r.ref), 0) AS next
       FROM unnest($1::text[]) AS r(ref)`,
      [refs],
    );
    const made = await Promise.all(
      generations.map(async ({ subject_ref, next }) => {
        const keyId = subjectKeyId(subject_ref, next);
        const { masterKeyId, wrapped } = await this.provider.wrap(randomBytes(32), keyId);
        return { keyId, ref: subject_ref, generation: next, masterKeyId, wrapped };
      }),
    );
    await this.db.query(
      `INSERT INTO subject_keys (key_id, subject_ref, generation, master_key_id, wrapped_key)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bytea[])
       ON CONFLICT DO NOTHING`,
      [
        made.map((m) => m.keyId),
        made.map((m) => m.ref),
        made.map((m) => m.generation),
        made.map((m) => m.masterKeyId),
        made.map((m) => m.wrapped),
      ],
    );
  }

  private unwrap(row: KeyRow): Promise<Buffer> {
    return this.provider.unwrap({ masterKeyId: row.master_key_id, wrapped: row.wrapped_key }, row.key_id);
  }
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

/** A key's id: the subject's pseudonym and the generation, so an erased generation is never reused. */
export function subjectKeyId(subjectRef: string, generation: number): string {
  return `${subjectRef}.${generation}`;
}
