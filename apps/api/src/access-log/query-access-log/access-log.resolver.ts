import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor, DataCategory, Role } from '#domain';
import { ReadDatabase } from '#platform';
import { accessLogTable, SubjectPseudonym } from '#read-models';
import { ACCESS_LOG, CurrentActor, ReadableBy, scopeOf } from '../../auth/index.js';
import { ProcessingPurpose } from '../processing-purpose.enum.js';
import {
  Connection,
  ConnectionType,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../../pagination/index.js';
import { AccessLogArgs } from './access-log.args.js';
import { AccessLogEntry } from './access-log-entry.type.js';

const AccessLogConnection = ConnectionType(AccessLogEntry, 'AccessLog');

const LIST = 'accessLog';

@Resolver(() => AccessLogEntry)
export class AccessLogResolver {
  constructor(
    private readonly reads: ReadDatabase,
    private readonly pseudonym: SubjectPseudonym,
  ) {}

  @Query(() => AccessLogConnection, {
    description:
      'Who of your agency read personal, health or criminal data, when and why: newest first. Only for privacy officers, and only of their own agency (row-level security; there is no chain-wide view). Ask for one person with filter.subjectId (the id the case uses for them).',
  })
  @ReadableBy(ACCESS_LOG)
  accessLog(@Args() args: AccessLogArgs, @CurrentActor() actor: Actor): Promise<Connection<AccessLogEntry>> {
    const size = pageSize(args);
    const after =
      args.after === undefined ? undefined : decodeCursor(LIST, args.after, ['instant', 'bigint']);
    const filter = args.filter ?? {};
    const subjectRef =
      filter.subjectId === undefined ? filter.subjectRef : this.pseudonym.of(filter.subjectId);
    return this.reads.read(scopeOf(actor), async (db) => {
      const rows = await accessLogTable.page(db, { ...filter, subjectRef, after, limit: size + 1 });
      return toConnection(
        rows,
        size,
        args.after,
        (row) => encodeCursor(LIST, [row.recorded_key, Number(row.id)]),
        (row): AccessLogEntry => ({
          id: row.id,
          recordedAt: row.recorded_at,
          traceId: row.trace_id,
          requestId: row.request_id,
          userId: row.user_id,
          agency: row.agency,
          role: row.role as Role,
          purpose: row.purpose as ProcessingPurpose,
          operation: row.operation,
          activationId: row.activation_id,
          categories: row.categories as DataCategory[],
          subjectRef: row.subject_ref,
        }),
      );
    });
  }
}
