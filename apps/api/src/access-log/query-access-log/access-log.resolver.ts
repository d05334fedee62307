import { Args, Query, Resolver } from '@nestjs/graphql';
import { EntityManager } from 'typeorm';
import { bsnDigits, type Actor, type DataCategory, type Role } from '#domain';
import { tableCsv } from '#documents';
import { ReadDatabase } from '#platform';
import { SubjectIdType, SubjectPseudonym } from '#events';
import { AccessLogQuery, AccessLogRow, accessLogTable } from '#read-models';
import { ACCESS_LOG, CurrentActor, ReadableBy, scopeOf } from '../../auth/index.js';
import { apiError, ApiErrorCode } from '../../errors/index.js';
import { GeneratedDocument, generatedDocument } from '../../documents/index.js';
import { isProcessingPurpose } from '../processing-purpose.enum.js';
import {
  Connection,
  ConnectionType,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../../pagination/index.js';
import {
  AccessLogArgs,
  AccessLogFilter,
  AccessLogRecordsExportArgs,
  AccessRequestExportArgs,
  AccessRequestFormat,
} from './access-log.args.js';
import { AccessLogEntry } from './access-log-entry.type.js';
import { accessRequestTable, ldvRecordOf } from './access-log-exports.js';

const AccessLogConnection = ConnectionType(AccessLogEntry, 'AccessLog');

const LIST = 'accessLog';

/** The most lines one export holds; narrow the filter (a period) for more. */
export const MAX_EXPORT_LINES = 10_000;
const PAGE = 1000;

function entryOf(row: AccessLogRow): AccessLogEntry {
  return {
    id: row.id,
    recordedAt: row.recorded_at,
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    activityUri: row.activity_uri,
    status: row.status,
    auditId: row.audit_id,
    requestId: row.request_id,
    userId: row.user_id,
    agency: row.agency,
    role: row.role as Role,
    purpose: isProcessingPurpose(row.purpose) ? row.purpose : null,
    operation: row.operation,
    activationId: row.activation_id,
    categories: row.categories as DataCategory[],
    subjectRef: row.subject_ref,
    subjectType: row.subject_type as SubjectIdType,
  };
}

@Resolver(() => AccessLogEntry)
export class AccessLogResolver {
  constructor(
    private readonly reads: ReadDatabase,
    private readonly pseudonym: SubjectPseudonym,
  ) {}

  @Query(() => AccessLogConnection, {
    description:
      'Who of your agency read personal, health or criminal data, when and why: newest first, one line per data subject per read (Logboek Dataverwerkingen). Only for privacy officers, and only of their own agency (row-level security; there is no chain-wide view). Find one person by filter.bsn (in every case), or by filter.subjectId with filter.activationId (within that case); a request by filter.traceId; by filter.activity and a period (from, to).',
  })
  @ReadableBy(ACCESS_LOG)
  accessLog(@Args() args: AccessLogArgs, @CurrentActor() actor: Actor): Promise<Connection<AccessLogEntry>> {
    const size = pageSize(args);
    const after =
      args.after === undefined ? undefined : decodeCursor(LIST, args.after, ['instant', 'bigint']);
    return this.reads.read(scopeOf(actor), async (db) => {
      const rows = await accessLogTable.page(db, { ...this.queryOf(args.filter), after, limit: size + 1 });
      return toConnection(
        rows,
        size,
        args.after,
        (row) => encodeCursor(LIST, [row.recorded_key, Number(row.id)]),
        entryOf,
      );
    });
  }

  @Query(() => GeneratedDocument, {
    description: `The answer to a data subject's access request (AVG art. 15) as JSON or CSV: every read of your agency of the person with this BSN, in every case (at most ${MAX_EXPORT_LINES} lines): when, by which role and agency, for which processing activity, which categories, in which activation. The BSN is hashed, never stored.`,
  })
  @ReadableBy(ACCESS_LOG)
  async accessRequestExport(
    @Args() { bsn, format }: AccessRequestExportArgs,
    @CurrentActor() actor: Actor,
  ): Promise<GeneratedDocument> {
    const subjectRef = this.pseudonym.ofBsn(bsnDigits(bsn));
    const rows = await this.reads.read(scopeOf(actor), (db) =>
      allAccessLogLines(db, { subjectRefs: [subjectRef] }),
    );
    const table = accessRequestTable(rows);
    const name = `inzageverzoek-${subjectRef.slice(0, 12)}`;
    return format === AccessRequestFormat.CSV
      ? generatedDocument(`${name}.csv`, 'text/csv; charset=utf-8', tableCsv(table))
      : generatedDocument(
          `${name}.json`,
          'application/json',
          Buffer.from(
            JSON.stringify(
              {
                dataSubject: { pseudonym: subjectRef, type: SubjectIdType.BSN },
                agency: actor.agency,
                reads: table.rows,
              },
              null,
              2,
            ),
          ),
        );
  }

  @Query(() => GeneratedDocument, {
    description: `Lines of your agency's access log (the filter of accessLog, at most ${MAX_EXPORT_LINES}) as records in the attribute format of Logboek Dataverwerkingen (trace_id, span_id, status_code, dpl.core.processing_activity_id, dpl.core.data_subject_id, …), JSON, for a chain logbook. Who read is not in them: it stays in the linked audit record.`,
  })
  @ReadableBy(ACCESS_LOG)
  async accessLogRecordsExport(
    @Args() args: AccessLogRecordsExportArgs,
    @CurrentActor() actor: Actor,
  ): Promise<GeneratedDocument> {
    const rows = await this.reads.read(scopeOf(actor), (db) =>
      allAccessLogLines(db, this.queryOf(args.filter)),
    );
    return generatedDocument(
      `logboek-${actor.agency.toLowerCase()}.json`,
      'application/json',
      Buffer.from(JSON.stringify(rows.map(ldvRecordOf), null, 2)),
    );
  }

  /** The filter as the table asks it: a BSN or a subject within its case turned into their pseudonyms. */
  private queryOf(filter: AccessLogFilter | null | undefined): Omit<AccessLogQuery, 'limit'> {
    // A null filter (GraphQL lets a client send one) asks for everything, as no filter does.
    const { bsn, subjectId, subjectRef, activationId, ...rest } = filter ?? {};
    const subjectRefs = [
      // The BSN as people write it (6281.94.821, 628 194 821) is the same person as its digits.
      ...(bsn === undefined ? [] : [this.pseudonym.ofBsn(bsnDigits(bsn))]),
      ...(subjectRef === undefined ? [] : [subjectRef]),
    ];
    return {
      ...rest,
      activationId,
      subjectRefs: subjectRefs.length ? subjectRefs : undefined,
      caseSubject:
        subjectId === undefined || activationId === undefined
          ? undefined
          : {
              activationId,
              caseRef: this.pseudonym.ofCaseSubject(activationId, subjectId),
              legacyRef: this.pseudonym.ofLegacySubjectId(subjectId),
            },
    };
  }
}

/**
 * Every line the query finds (newest first), page by page; more than MAX_EXPORT_LINES is refused with the
 * advice to export in parts. The exports' one way to read the whole answer.
 */
export async function allAccessLogLines(
  db: EntityManager,
  query: Omit<AccessLogQuery, 'limit'>,
): Promise<AccessLogRow[]> {
  const found: AccessLogRow[] = [];
  for (let after: [string, number] | undefined; ;) {
    const page = await accessLogTable.page(db, { ...query, after, limit: PAGE });
    found.push(...page);
    if (found.length > MAX_EXPORT_LINES) {
      throw apiError(
        ApiErrorCode.BAD_USER_INPUT,
        `More than ${MAX_EXPORT_LINES} lines match; narrow the filter (a period with from and to) and export in parts.`,
        { reason: 'EXPORT_TOO_LARGE', field: 'filter' },
      );
    }
    if (page.length < PAGE) return found;
    const last = page.at(-1)!;
    after = [last.recorded_key, Number(last.id)];
  }
}
