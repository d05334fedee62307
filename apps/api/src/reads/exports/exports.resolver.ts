import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { tableCsv, tablesWorkbook, Table } from '#documents';
import { VersionTokens } from '#events';
import { activationsTable as activationsReadModel, ActivationListRow } from '#read-models';
import { CASE_DATA, CurrentActor, FIGURES, ReadableBy } from '../../auth/index.js';
import { CurrentReadRequest, LoggedReads, type ReadRequest } from '../../access-log/index.js';
import { apiError, ApiErrorCode } from '../../errors/index.js';
import { disclosureOfRow, toActivationView } from '../shared/activation-row.mapper.js';
import { GeneratedDocument, generatedDocument } from '../../documents/index.js';
import { statisticsOf } from '../view-statistics/statistics.query.js';
import { ActivationsExportArgs, ExportFormat, StatisticsExportArgs } from './export.args.js';
import { activationsTable, statisticsTable, statisticsTables } from './export-tables.js';

/** The most activations one export holds; narrow the filter for more. */
export const MAX_EXPORT_ROWS = 10_000;
const PAGE = 1000;

async function asDocument(name: string, format: ExportFormat, tables: readonly Table[], csv: Table) {
  return format === ExportFormat.XLSX
    ? generatedDocument(
        `${name}.xlsx`,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        await tablesWorkbook(tables),
      )
    : generatedDocument(`${name}.csv`, 'text/csv; charset=utf-8', tableCsv(csv));
}

@Resolver(() => GeneratedDocument)
export class ExportsResolver {
  constructor(
    private readonly reads: LoggedReads,
    private readonly tokens: VersionTokens,
  ) {}

  @Query(() => GeneratedDocument, {
    description: `The activations your agency sees (newest first, at most ${MAX_EXPORT_ROWS}) as CSV or an Excel workbook, with what it may not see marked "niet zichtbaar voor uw organisatie". Access-logged like the activations query.`,
  })
  @ReadableBy(CASE_DATA)
  async activationsExport(
    @Args() args: ActivationsExportArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<GeneratedDocument> {
    const filter = args.filter ?? {};
    const views = await this.reads.read(
      { actor, request, operation: 'activationsExport' },
      async (db, view) => {
        const found: ActivationListRow[] = [];
        for (let after: [string, string] | undefined; ;) {
          const page = await activationsReadModel.page(db, actor.agency, {
            scope: view.scope(filter),
            municipality: filter.municipality,
            status: filter.status,
            after,
            limit: PAGE,
          });
          found.push(...page.flatMap((row) => view.activation(row) ?? []));
          if (found.length > MAX_EXPORT_ROWS) throw tooMany();
          if (page.length < PAGE) break;
          const last = page.at(-1)!;
          after = [last.opened_key, last.activation_id];
        }
        return {
          result: found.map((row) => toActivationView(row, this.tokens, view.measuresVisible(row.region))),
          disclosures: found.map(disclosureOfRow),
        };
      },
    );
    const table = activationsTable(views);
    return asDocument('activaties', args.format ?? ExportFormat.CSV, [table], table);
  }

  @Query(() => GeneratedDocument, {
    description:
      'The figures of the statistics query as CSV (one table: breakdown, value, count) or an Excel workbook (a worksheet per breakdown).',
  })
  @ReadableBy(FIGURES)
  async statisticsExport(
    @Args() { filter, format }: StatisticsExportArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<GeneratedDocument> {
    const statistics = await this.reads.read(
      { actor, request, operation: 'statisticsExport' },
      async (db, view) => ({
        result: await statisticsOf(db, actor.agency, view, filter ?? {}),
        disclosures: [],
      }),
    );
    return asDocument(
      'cijfers',
      format ?? ExportFormat.CSV,
      statisticsTables(statistics),
      statisticsTable(statistics),
    );
  }
}

function tooMany() {
  return apiError(
    ApiErrorCode.BAD_USER_INPUT,
    `The export would hold more than ${MAX_EXPORT_ROWS} activations; narrow the filter (region, period, status) and export in parts.`,
    { reason: 'EXPORT_TOO_LARGE', field: 'filter' },
  );
}
