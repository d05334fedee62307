import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import type { Actor } from '#domain';
import { tableCsv, type Table } from '#documents';
import { ReadDatabase } from '#platform';
import { type RetentionActionRow, retentionActionsTable } from '#read-models';
import { CurrentActor, ReadableBy, RETENTION_REPORT, scopeOf } from '../auth/index.js';
import { GeneratedDocument, generatedDocument } from '../documents/index.js';
import { IsInstant, NullMeansAbsent } from '../input/index.js';
import {
  type Connection,
  ConnectionType,
  decodeCursor,
  encodeCursor,
  PageArgs,
  pageSize,
  toConnection,
} from '../pagination/index.js';
import { DestroyedActivationView } from './archive.graphql.js';

const DestroyedActivationConnection = ConnectionType(DestroyedActivationView, 'DestroyedActivation');

const LIST = 'destroyedActivations';

/** The most rows one export holds; narrow the period for more. */
export const MAX_EXPORT_ROWS = 10_000;
const PAGE = 1000;

@ArgsType()
export class DestroyedPeriodArgs extends PageArgs {
  @Field({ nullable: true, description: 'Destroyed at or after this moment (ISO 8601 with offset).' })
  @NullMeansAbsent()
  @IsOptional()
  @IsInstant()
  from?: string;

  @Field({ nullable: true, description: 'Destroyed before this moment (ISO 8601 with offset).' })
  @NullMeansAbsent()
  @IsOptional()
  @IsInstant()
  to?: string;
}

@ArgsType()
export class DestroyedExportArgs {
  @Field({ nullable: true, description: 'Destroyed at or after this moment (ISO 8601 with offset).' })
  @NullMeansAbsent()
  @IsOptional()
  @IsInstant()
  from?: string;

  @Field({ nullable: true, description: 'Destroyed before this moment (ISO 8601 with offset).' })
  @NullMeansAbsent()
  @IsOptional()
  @IsInstant()
  to?: string;
}

function viewOf(row: RetentionActionRow): DestroyedActivationView {
  return {
    activationId: row.activation_id,
    caseNumber: row.case_number,
    region: row.region,
    category: row.category,
    actionDate: row.action_date,
    executedAt: row.executed_at!,
  };
}

/**
 * The destruction report (Archiefwet: a record of what was destroyed, verklaring van vernietiging): what
 * the retention job destroyed when, for the privacy officers and policy admins of the agencies entitled to
 * each activation. Row-level security scopes it to the reader's agency below the application.
 */
@Resolver(() => DestroyedActivationView)
export class RetentionReportResolver {
  constructor(private readonly reads: ReadDatabase) {}

  @Query(() => DestroyedActivationConnection, {
    description:
      'The activations whose personal data the retention job destroyed, newest first: case number, selection-list category, the day it was due and when it was done. Only for privacy officers and policy admins, of the activations their agency took part in or coordinated. No personal data.',
  })
  @ReadableBy(RETENTION_REPORT)
  destroyedActivations(
    @Args() args: DestroyedPeriodArgs,
    @CurrentActor() actor: Actor,
  ): Promise<Connection<DestroyedActivationView>> {
    const size = pageSize(args);
    const after = args.after === undefined ? undefined : decodeCursor(LIST, args.after, ['instant', 'text']);
    return this.reads.read(scopeOf(actor), async (db) => {
      const rows = await retentionActionsTable.destroyedReport(db, {
        from: args.from,
        to: args.to,
        after,
        limit: size + 1,
      });
      return toConnection(
        rows,
        size,
        args.after,
        (row) => encodeCursor(LIST, [row.executed_at!.toISOString(), row.activation_id]),
        viewOf,
      );
    });
  }

  @Query(() => GeneratedDocument, {
    description: `The destruction report as CSV (RFC 4180, UTF-8 with a byte order mark), at most ${MAX_EXPORT_ROWS} rows of the period: case number, region, category, the day it was due, when it was destroyed.`,
  })
  @ReadableBy(RETENTION_REPORT)
  async destroyedActivationsExport(
    @Args() args: DestroyedExportArgs,
    @CurrentActor() actor: Actor,
  ): Promise<GeneratedDocument> {
    const rows = await this.reads.read(scopeOf(actor), async (db) => {
      const all: RetentionActionRow[] = [];
      let after: [string, string] | undefined;
      while (all.length < MAX_EXPORT_ROWS) {
        const page = await retentionActionsTable.destroyedReport(db, {
          from: args.from,
          to: args.to,
          after,
          limit: Math.min(PAGE, MAX_EXPORT_ROWS - all.length),
        });
        all.push(...page);
        if (page.length === 0 || all.length >= MAX_EXPORT_ROWS) break;
        const last = page[page.length - 1];
        after = [last.executed_at!.toISOString(), last.activation_id];
      }
      return all;
    });
    const table: Table = {
      name: 'Vernietigd',
      columns: [
        { key: 'caseNumber', header: 'zaaknummer' },
        { key: 'activationId', header: 'activatie' },
        { key: 'region', header: 'regio' },
        { key: 'category', header: 'selectielijstcategorie' },
        { key: 'actionDate', header: 'archiefactiedatum' },
        { key: 'executedAt', header: 'vernietigd op' },
      ],
      rows: rows.map((row) => ({
        caseNumber: row.case_number,
        activationId: row.activation_id,
        region: row.region,
        category: row.category,
        actionDate: row.action_date,
        executedAt: row.executed_at!.toISOString(),
      })),
    };
    return generatedDocument(
      `vernietigd-${actor.agency.toLowerCase()}.csv`,
      'text/csv; charset=utf-8',
      tableCsv(table),
    );
  }
}
