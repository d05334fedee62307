import { EntityManager } from 'typeorm';

/**
 * erasure_requests: one row per erasure request as its stream stands (issue 19), for the privacy officers
 * who decide them. The projector writes it; the api reads it as keten_api, under row-level security
 * (privacy officers, of the requester's agency only). It never holds whom a request erases: no BSN, no pseudonym.
 */
export type ErasureRequestScope = 'PERSON' | 'CASE_SUBJECT';
export type ErasureRequestStatus = 'REQUESTED' | 'APPROVED' | 'REJECTED';

/** What the projector writes when a request is made. */
export interface ErasureRequestRecord {
  readonly erasureId: string;
  readonly scope: ErasureRequestScope;
  /** The activation a case-subject request names (as the requester typed it: it may not exist). */
  readonly activationId: string | null;
  readonly ground: string;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requesterAgency: string;
  readonly requestedAt: string;
  readonly streamVersion: number;
}

/** What the projector writes when a second privacy officer decides. */
export interface ErasureDecisionRecord {
  readonly erasureId: string;
  readonly status: Exclude<ErasureRequestStatus, 'REQUESTED'>;
  readonly decidedBy: string;
  readonly deciderAgency: string;
  readonly decidedAt: string;
  readonly reason: string;
  readonly streamVersion: number;
}

/** A row as the api reads it: of the reader's own agency only (the query and row-level security). */
export interface ErasureRequestRow {
  erasure_id: string;
  scope: ErasureRequestScope;
  activation_id: string | null;
  ground: string;
  reason: string;
  status: ErasureRequestStatus;
  requested_by: string;
  requester_agency: string;
  requested_at: Date;
  decided_by: string | null;
  decider_agency: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

export interface ErasureRequestQuery {
  /** The reader's agency: it sees its own agency's requests only, never another's (nor their count). */
  readonly readerAgency: string;
  readonly status?: ErasureRequestStatus;
  readonly limit: number;
}

export const erasureRequestsTable = {
  /** A request, once: a replayed event (a rebuild, a retried batch) leaves the row as it is. */
  async request(tx: EntityManager, record: ErasureRequestRecord): Promise<void> {
    await tx.query(
      `INSERT INTO erasure_requests (erasure_id, scope, activation_id, ground, reason, status, requested_by,
         requester_agency, requested_at, stream_version)
       VALUES ($1, $2, $3, $4, $5, 'REQUESTED', $6, $7, $8, $9)
       ON CONFLICT (erasure_id) DO NOTHING`,
      [
        record.erasureId,
        record.scope,
        record.activationId,
        record.ground,
        record.reason,
        record.requestedBy,
        record.requesterAgency,
        record.requestedAt,
        record.streamVersion,
      ],
    );
  },

  /** The decision on a request, if the row has not seen this version of its stream yet. */
  async decide(tx: EntityManager, record: ErasureDecisionRecord): Promise<void> {
    await tx.query(
      `UPDATE erasure_requests SET status = $2, decided_by = $3, decider_agency = $4, decided_at = $5,
         decision_reason = $6, stream_version = $7
       WHERE erasure_id = $1 AND stream_version < $7`,
      [
        record.erasureId,
        record.status,
        record.decidedBy,
        record.deciderAgency,
        record.decidedAt,
        record.reason,
        record.streamVersion,
      ],
    );
  },

  /** For the api: the agency's requests, those waiting first and the newest first within each, at most `limit`. */
  list(db: EntityManager, query: ErasureRequestQuery): Promise<ErasureRequestRow[]> {
    return db.query(
      `SELECT erasure_id, scope, activation_id, ground, reason, status, requested_by, requester_agency,
              requested_at, decided_by, decider_agency, decided_at, decision_reason
       FROM erasure_requests
       WHERE requester_agency = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY status = 'REQUESTED' DESC, requested_at DESC, erasure_id
       LIMIT $3`,
      [query.readerAgency, query.status ?? null, query.limit],
    );
  },
};
