import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor, DataCategory } from '#domain';
import { activationVisible } from '#read-models';
import { CASE_DATA, CurrentActor, ReadableBy } from '../../auth/index.js';
import { CurrentReadRequest, disclosureOf, LoggedReads, type ReadRequest } from '../../access-log/index.js';
import {
  Connection,
  ConnectionType,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../../pagination/index.js';
import { apiError, ApiErrorCode } from '../../errors/index.js';
import { activationNotFound } from '../shared/read-errors.js';
import { timelineViewOf } from '../shared/timeline-views.js';
import { TimelineArgs } from './timeline.args.js';
import { TimelineEntry } from './timeline-entry.type.js';

const TimelineConnection = ConnectionType(TimelineEntry, 'Timeline');

const LIST = 'timeline';

@Resolver(() => TimelineEntry)
export class TimelineResolver {
  constructor(private readonly reads: LoggedReads) {}

  @Query(() => TimelineConnection, {
    description:
      'The joint timeline of an activation as your agency may see it, in the order things happened. NOT_FOUND when the activation is not visible to you. Reading personal, health or criminal data is recorded in the access log, with the purpose named in the x-purpose header (CASE_COORDINATION when left out).',
  })
  @ReadableBy(CASE_DATA)
  timeline(
    @Args() args: TimelineArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<Connection<TimelineEntry>> {
    const size = pageSize(args);
    // The cursor names the last entry seen, not its place in the stream: that would count hidden events.
    const [afterEvent] = args.after === undefined ? [undefined] : decodeCursor(LIST, args.after, ['text']);
    const { activationId } = args;
    return this.reads.read({ actor, request, operation: 'timeline' }, async (db, view) => {
      const rows = await timelineViewOf(db, view, actor.agency, activationId, afterEvent, size + 1);
      // Rows prove the activation visible; otherwise it may be hidden or absent (NOT_FOUND, the same for
      // both), or visible and past its end, or visible with a cursor no longer in view (STALE_CURSOR). A
      // timeline the read's activity shows nothing of, from its start, is not visible for that activity.
      if (rows === undefined || rows.length === 0) {
        const visible =
          (afterEvent !== undefined || !view.narrows) &&
          (await activationVisible(db, actor.agency, activationId));
        if (!visible) throw activationNotFound(activationId);
        if (rows === undefined) throw staleCursor();
      }
      return {
        result: toConnection(
          rows,
          size,
          args.after,
          (row) => encodeCursor(LIST, [row.event_id]),
          (row): TimelineEntry => ({
            eventId: row.event_id,
            occurredAt: row.occurred_at,
            actingAgency: row.acting_agency,
            type: row.event_type,
            payload: row.payload,
            withheld: row.withheld as DataCategory[],
            corrected: (row.corrected_at ?? null) !== null,
            correctedAt: row.corrected_at ?? null,
            withdrawn: (row.withdrawn_at ?? null) !== null,
            withdrawnAt: row.withdrawn_at ?? null,
          }),
        ),
        disclosures: rows
          .slice(0, size)
          .map((row) => disclosureOf(activationId, row.event_type, row.payload)),
      };
    });
  }
}

function staleCursor() {
  return apiError(
    ApiErrorCode.BAD_USER_INPUT,
    'after names an entry that is no longer in your view of this timeline (an agreement changed); read the timeline again without after.',
    { reason: 'STALE_CURSOR', field: 'after' },
  );
}
