import { EntityManager } from 'typeorm';
import { DataCategory } from '#domain';

/**
 * rm_inbox: what is addressed to an agency (invitations to join an activation, referrals), one row per
 * agency and item, with the case at CASE level and the reason as that agency may read them (redacted by
 * the projector), and the state of its answer. The api reads it as keten_api, under row-level security.
 */

export type InboxItemKind = 'INVITATION' | 'REFERRAL';
export type InboxItemState = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'RECEIVED';

export interface InboxEntry {
  agency: string;
  activationId: string;
  itemId: string;
  kind: InboxItemKind;
  fromAgency: string;
  reason: unknown;
  activation: unknown;
  withheld: DataCategory[];
  state: InboxItemState;
  receivedAt: string;
}

export interface InboxRow {
  activation_id: string;
  item_id: string;
  kind: InboxItemKind;
  from_agency: string;
  reason: unknown;
  activation: Record<string, unknown>;
  withheld: string[];
  state: InboxItemState;
  answer: unknown;
  received_at: Date;
  answered_at: Date | null;
}

/** The answer to an agency's open invitation of an activation. */
export interface InboxAnswer {
  agency: string;
  activationId: string;
  state: 'ACCEPTED' | 'DECLINED';
  answer: unknown;
  answeredAt: string;
}

export const inboxTable = {
  async put(tx: EntityManager, entries: readonly InboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({
      agency: e.agency,
      activation_id: e.activationId,
      item_id: e.itemId,
      kind: e.kind,
      from_agency: e.fromAgency,
      reason: e.reason ?? null,
      activation: e.activation,
      withheld: e.withheld,
      state: e.state,
      received_at: e.receivedAt,
    }));
    await tx.query(
      `INSERT INTO rm_inbox (agency, activation_id, item_id, kind, from_agency, reason, activation, withheld,
         state, received_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(agency text, activation_id text, item_id text, kind text,
         from_agency text, reason jsonb, activation jsonb, withheld text[], state text, received_at timestamptz)
       ON CONFLICT (agency, activation_id, item_id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  },

  /** Marks the agency's open invitations of the activation with its answer. */
  async answer(tx: EntityManager, answer: InboxAnswer): Promise<void> {
    await tx.query(
      `UPDATE rm_inbox SET state = $3, answer = $4::jsonb, answered_at = $5
       WHERE agency = $1 AND activation_id = $2 AND kind = 'INVITATION' AND state = 'PENDING'`,
      [
        answer.agency,
        answer.activationId,
        answer.state,
        JSON.stringify(answer.answer ?? null),
        answer.answeredAt,
      ],
    );
  },

  /** What is addressed to the agency (about one activation). */
  async remove(tx: EntityManager, agency: string, activationId?: string): Promise<void> {
    await tx.query(`DELETE FROM rm_inbox WHERE agency = $1 AND ($2::text IS NULL OR activation_id = $2)`, [
      agency,
      activationId ?? null,
    ]);
  },

  /** The agencies whose inbox holds something of the activation. */
  async agenciesAddressed(tx: EntityManager, activationId: string): Promise<string[]> {
    const rows: { agency: string }[] = await tx.query(
      `SELECT DISTINCT agency FROM rm_inbox WHERE activation_id = $1`,
      [activationId],
    );
    return rows.map((row) => row.agency);
  },

  /** The agency's inbox, newest first; `pending` keeps only what still waits for an answer. */
  async page(
    db: EntityManager,
    agency: string,
    { pending, limit }: { pending?: boolean; limit: number },
  ): Promise<InboxRow[]> {
    return db.query(
      `SELECT activation_id, item_id, kind, from_agency, reason, activation, withheld, state, answer, received_at,
              answered_at
       FROM rm_inbox WHERE agency = $1 AND ($2::boolean IS NOT TRUE OR state = 'PENDING')
       ORDER BY received_at DESC, activation_id, item_id LIMIT $3`,
      [agency, pending ?? null, limit],
    );
  },
};
