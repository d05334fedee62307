import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor, DataCategory, Role } from '#domain';
import { ReadDatabase } from '#platform';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ProcessingPurpose } from '../access-log/processing-purpose.enum.js';
import { SubjectPseudonym } from '../access-log/subject-pseudonym.provider.js';
import { Connection, ConnectionType, toConnection } from '../shared/connection.type.js';
import { decodeCursor, encodeCursor, instantKey } from '../shared/page-cursor.js';
import { pageSize } from '../shared/page.args.js';
import { ACCESS_LOG, ReadableBy, scopeOf } from '../shared/read-access.guard.js';
import { SqlParams } from '../shared/sql-params.js';
import { AccessLogArgs } from './access-log.args.js';
import { AccessLogEntry } from './access-log-entry.type.js';

interface AccessLogRow {
  id: string;
  recorded_at: Date;
  trace_id: string;
  request_id: string | null;
  user_id: string;
  agency: string;
  role: string;
  purpose: string;
  operation: string;
  activation_id: string;
  categories: string[];
  subject_ref: string;
  recorded_key: string;
}

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
      'Who read personal, health or criminal data, when and why: newest first. Only for privacy officers. Ask for one person with filter.subjectId (the id the case uses for them).',
  })
  @ReadableBy(ACCESS_LOG)
  accessLog(@Args() args: AccessLogArgs, @CurrentActor() actor: Actor): Promise<Connection<AccessLogEntry>> {
    const size = pageSize(args);
    const after =
      args.after === undefined ? undefined : decodeCursor(LIST, args.after, ['instant', 'bigint']);
    const filter = args.filter ?? {};
    const subjectRef =
      filter.subjectId === undefined ? filter.subjectRef : this.pseudonym.of(filter.subjectId);
    const params = new SqlParams();
    const conditions = [
      ...params.when(subjectRef, (p) => `subject_ref = ${p}`),
      ...params.when(filter.activationId, (p) => `activation_id = ${p}`),
      ...params.when(filter.userId, (p) => `user_id = ${p}`),
      ...params.when(filter.agency, (p) => `agency = ${p}`),
      ...params.when(filter.from, (p) => `recorded_at >= ${p}::timestamptz`),
      ...params.when(filter.to, (p) => `recorded_at < ${p}::timestamptz`),
      ...(after
        ? [`(recorded_at, id) < (${params.add(after[0])}::timestamptz, ${params.add(after[1])}::bigint)`]
        : []),
    ];
    return this.reads.read(scopeOf(actor), async (db) => {
      const rows: AccessLogRow[] = await db.query(
        `SELECT id, recorded_at, trace_id, request_id, user_id, agency, role, purpose, operation, activation_id,
                categories, subject_ref, ${instantKey('recorded_at')} AS recorded_key
         FROM access_log ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
         ORDER BY recorded_at DESC, id DESC LIMIT ${params.add(size + 1)}`,
        params.values,
      );
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
