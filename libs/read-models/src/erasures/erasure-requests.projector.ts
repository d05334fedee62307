import type { EntityManager } from 'typeorm';
import { type ErasureEvent, type ErasureEventType, isErasureEventType } from '#domain';
import { erasureIdOfStream, type StoredEvent } from '#events';
import {
  type ErasureDecisionRecord,
  type ErasureRequestRecord,
  erasureRequestsTable,
} from './erasure-requests.table.js';

/** What one erasure event changes in erasure_requests; every other event changes nothing. */
export type ErasureRequestChange =
  | { readonly kind: 'request'; readonly record: ErasureRequestRecord }
  | { readonly kind: 'decide'; readonly record: ErasureDecisionRecord };

/**
 * Of an event, the change to the erasure requests: the request with its scope (and, of a case subject,
 * the activation it names), and the decision. The subject's pseudonym is left behind here: the table
 * never holds it.
 */
export function erasureRequestChange(event: StoredEvent): ErasureRequestChange | undefined {
  const erasureId = erasureIdOfStream(event.streamId);
  if (erasureId === undefined || !isErasureEventType(event.type)) return undefined;
  const erasure = { type: event.type as ErasureEventType, data: event.data } as ErasureEvent;
  const at = { streamVersion: event.streamVersion };
  switch (erasure.type) {
    case 'erasure.requested': {
      const { data } = erasure;
      return {
        kind: 'request',
        record: {
          erasureId,
          scope: data.target.kind,
          activationId: data.target.kind === 'CASE_SUBJECT' ? data.target.activationId : null,
          ground: data.ground,
          reason: data.reason,
          requestedBy: data.requestedBy,
          requesterAgency: data.requesterAgency,
          requestedAt: event.occurredAt,
          ...at,
        },
      };
    }
    case 'erasure.approved': {
      const { data } = erasure;
      return {
        kind: 'decide',
        record: {
          erasureId,
          status: 'APPROVED',
          decidedBy: data.approvedBy,
          deciderAgency: data.approverAgency,
          decidedAt: event.occurredAt,
          reason: data.reason,
          ...at,
        },
      };
    }
    case 'erasure.rejected': {
      const { data } = erasure;
      return {
        kind: 'decide',
        record: {
          erasureId,
          status: 'REJECTED',
          decidedBy: data.rejectedBy,
          deciderAgency: data.rejecterAgency,
          decidedAt: event.occurredAt,
          reason: data.reason,
          ...at,
        },
      };
    }
  }
}

/** Keeps erasure_requests as the erasure streams stand, in the batch's transaction (with its checkpoint). */
export class ErasureRequestsProjector {
  async handle(events: readonly StoredEvent[], tx: EntityManager): Promise<void> {
    for (const event of events) {
      const change = erasureRequestChange(event);
      if (change?.kind === 'request') await erasureRequestsTable.request(tx, change.record);
      else if (change?.kind === 'decide') await erasureRequestsTable.decide(tx, change.record);
    }
  }
}
