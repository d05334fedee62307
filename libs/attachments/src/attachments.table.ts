import { EntityManager } from 'typeorm';

/**
 * attachments: what keten knows of each uploaded document besides its bytes (who uploaded it, what its bytes
 * are, which activation it was attached to, and when it was destroyed), and attachment_chunks, the bytes
 * themselves as the PostgreSQL adapter of the storage port keeps them. This module owns both tables. The
 * api and the worker (which destroys the documents of an erased activation) write them as the owner role;
 * keten_api reads them under row-level security (see the migrations 1795400000160 and 1795400000266).
 */

interface AttachmentRecord {
  attachment_id: string;
  agency: string;
  activation_id: string | null;
  content_type: string;
  attached_at: Date | null;
  categories: string[];
}

/** A stored upload as the api reads it, with what its bytes are. */
export interface StoredAttachmentRow extends AttachmentRecord {
  state: 'STORED';
  byte_length: string;
  sha256: string;
  destroyed_at: null;
}

/** What stays of a document destroyed with its activation's personal data: no bytes, size or hash. */
export interface DestroyedAttachmentRow extends AttachmentRecord {
  state: 'DESTROYED';
  byte_length: null;
  sha256: null;
  destroyed_at: Date;
}

export type AttachmentRow = StoredAttachmentRow | DestroyedAttachmentRow;

export interface StoredFacts {
  readonly contentType: string;
  readonly byteLength: number;
  readonly sha256: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string can be an attachment id at all; anything else is answered as an unknown id, unqueried. */
export function isAttachmentId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export const attachmentsTable = {
  /** An upload starts: its row exists, RECEIVING, before the first chunk is written. */
  async begin(db: EntityManager, id: string, owner: { agency: string; userId: string }): Promise<void> {
    await db.query(
      `INSERT INTO attachments (attachment_id, agency, uploaded_by, state) VALUES ($1, $2, $3, 'RECEIVING')`,
      [id, owner.agency, owner.userId],
    );
  },

  async addChunk(db: EntityManager, id: string, seq: number, bytes: Buffer): Promise<void> {
    await db.query(`INSERT INTO attachment_chunks (attachment_id, seq, bytes) VALUES ($1, $2, $3)`, [
      id,
      seq,
      bytes,
    ]);
  },

  /** Every byte is in: the upload is STORED, with what its bytes are. */
  async finish(db: EntityManager, id: string, facts: StoredFacts): Promise<void> {
    await db.query(
      `UPDATE attachments SET state = 'STORED', content_type = $2, byte_length = $3, sha256 = $4
       WHERE attachment_id = $1 AND state = 'RECEIVING'`,
      [id, facts.contentType, facts.byteLength, facts.sha256],
    );
  },

  /** Removes the bytes of uploads (the PostgreSQL adapter of the storage port). */
  async removeChunks(db: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await db.query(`DELETE FROM attachment_chunks WHERE attachment_id = ANY($1::uuid[])`, [ids]);
  },

  /** Removes uploads and their chunks (cascade). */
  async remove(db: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await db.query(`DELETE FROM attachments WHERE attachment_id = ANY($1::uuid[])`, [ids]);
  },

  /**
   * Reserves a stored upload of the agency for the activation: undefined when there is no such upload of
   * the agency, or it is attached (or being attached) to another activation. Reserving it again for the
   * same activation answers it again, so a retried attachDocument meets its own reservation.
   */
  async claim(
    db: EntityManager,
    id: string,
    agency: string,
    activationId: string,
  ): Promise<(StoredFacts & { attached: boolean }) | undefined> {
    const rows: { content_type: string; byte_length: string; sha256: string; attached_at: Date | null }[] =
      await db.query(
        `UPDATE attachments SET activation_id = $3
         WHERE attachment_id = $1 AND agency = $2 AND state = 'STORED'
           AND (activation_id IS NULL OR activation_id = $3)
         RETURNING content_type, byte_length, sha256, attached_at`,
        [id, agency, activationId],
      );
    const [row] = Array.isArray(rows[0]) ? (rows[0] as typeof rows) : rows;
    if (!row) return undefined;
    return {
      contentType: row.content_type,
      byteLength: Number(row.byte_length),
      sha256: row.sha256,
      attached: row.attached_at !== null,
    };
  },

  /**
   * The attachment event was appended: the upload is attached for good, with the categories it carries
   * (what a download logs).
   */
  async confirm(db: EntityManager, id: string, categories: readonly string[]): Promise<void> {
    await db.query(
      `UPDATE attachments SET attached_at = now(), categories = $2
       WHERE attachment_id = $1 AND attached_at IS NULL`,
      [id, categories],
    );
  },

  /** The attachment was refused: the reservation ends, the upload may be attached elsewhere. */
  async release(db: EntityManager, id: string, activationId: string): Promise<void> {
    await db.query(
      `UPDATE attachments SET activation_id = NULL
       WHERE attachment_id = $1 AND activation_id = $2 AND attached_at IS NULL`,
      [id, activationId],
    );
  },

  /** An attachment as the reader (keten_api, under row-level security) may see it; undefined otherwise. */
  async readable(db: EntityManager, id: string): Promise<AttachmentRow | undefined> {
    const rows: AttachmentRow[] = await db.query(
      `SELECT attachment_id, agency, activation_id, state, content_type, byte_length, sha256, attached_at,
              categories, destroyed_at
       FROM attachments WHERE attachment_id = $1`,
      [id],
    );
    return rows[0];
  },

  /**
   * The documents of an activation are destroyed with its personal data: each attachment of it (attached,
   * or reserved for it) becomes the record of its destruction — who attached it and when, its type and
   * categories, when and by which erasure it went — and loses its size and hash, which would identify the
   * content (a hash of a known document confirms it was held). Those already destroyed keep their record.
   * Answers how many were destroyed now.
   */
  async destroy(db: EntityManager, activationId: string, erasureId: string, at: Date): Promise<number> {
    const [, count]: [unknown, number] = await db.query(
      `UPDATE attachments
       SET state = 'DESTROYED', byte_length = NULL, sha256 = NULL, destroyed_at = $3, erasure_id = $2
       WHERE activation_id = $1 AND state <> 'DESTROYED'`,
      [activationId, erasureId, at],
    );
    return count;
  },

  /** Ids of the activation's destroyed attachments (whose bytes must be gone). */
  async destroyedOf(db: EntityManager, activationId: string): Promise<string[]> {
    const rows: { attachment_id: string }[] = await db.query(
      `SELECT attachment_id FROM attachments WHERE activation_id = $1 AND state = 'DESTROYED'
       ORDER BY attachment_id`,
      [activationId],
    );
    return rows.map((row) => row.attachment_id);
  },

  /** Up to `limit` chunks of an attachment from `fromSeq` on, in order, as the reader may see them. */
  async chunks(
    db: EntityManager,
    id: string,
    fromSeq: number,
    limit: number,
  ): Promise<{ seq: number; bytes: Buffer }[]> {
    return db.query(
      `SELECT seq, bytes FROM attachment_chunks WHERE attachment_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
      [id, fromSeq, limit],
    );
  },

  /**
   * Ids of uploads received before `before` and never attached (or still RECEIVING: an api that stopped
   * mid-upload left them).
   */
  async unattached(db: EntityManager, before: Date, limit: number): Promise<string[]> {
    const rows: { attachment_id: string }[] = await db.query(
      `SELECT attachment_id FROM attachments WHERE attached_at IS NULL AND received_at < $1
       ORDER BY received_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((row) => row.attachment_id);
  },

  /** How many uploads (any state) there are; for tests and metrics. */
  async count(db: EntityManager): Promise<{ attachments: number; chunks: number }> {
    const [row]: { attachments: string; chunks: string }[] = await db.query(
      `SELECT (SELECT count(*) FROM attachments) AS attachments, (SELECT count(*) FROM attachment_chunks) AS chunks`,
    );
    return { attachments: Number(row.attachments), chunks: Number(row.chunks) };
  },
};
