import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor, DataCategory } from '#domain';
import { activationVisible, timelineTable } from '#read-models';
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
import { activationNotFound } from '../shared/read-errors.js';
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
    const [afterVersion] = args.after === undefined ? [0] : decodeCursor(LIST, args.after, ['integer']);
    const { activationId } = args;
    return this.reads.read({ actor, request, operation: 'timeline' }, async (db) => {
      const rows = await timelineTable.page(db, actor.agency, activationId, afterVersion, size + 1);
      // Rows prove the activation visible; only an empty page needs the check (NOT_FOUND or past the end).
      if (rows.length === 0 && !(await activationVisible(db, actor.agency, activationId))) {
        throw activationNotFound(activationId);
      }
      return {
        result: toConnection(
          rows,
          size,
          args.after,
          (row) => encodeCursor(LIST, [row.stream_version]),
          (row): TimelineEntry => ({
            eventId: row.event_id,
            streamVersion: row.stream_version,
            occurredAt: row.occurred_at,
            actingAgency: row.acting_agency,
            type: row.event_type,
            payload: row.payload,
            withheld: row.withheld as DataCategory[],
          }),
        ),
        disclosures: rows
          .slice(0, size)
          .map((row) => disclosureOf(activationId, row.event_type, row.payload)),
      };
    });
  }
}
