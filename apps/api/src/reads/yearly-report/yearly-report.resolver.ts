import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { NOT_VISIBLE, yearlyReportPdf } from '#documents';
import { CurrentActor, FIGURES, ReadableBy } from '../../auth/index.js';
import { CurrentReadRequest, LoggedReads, type ReadRequest } from '../../access-log/index.js';
import { GeneratedDocument, generatedDocument } from '../../documents/index.js';
import { statisticsTables } from '../exports/export-tables.js';
import { statisticsOf } from '../view-statistics/statistics.query.js';
import { YearlyReportArgs } from './yearly-report.args.js';

/** The first moment of a year in the Netherlands (CET in January), as the period filters take it. */
const startOf = (year: number) => `${year}-01-01T00:00:00+01:00`;

@Resolver(() => GeneratedDocument)
export class YearlyReportResolver {
  constructor(private readonly reads: LoggedReads) {}

  @Query(() => GeneratedDocument, {
    description:
      'The LOT-C style yearly report: the figures of the activations opened in one year as a PDF, a chart per table. For the national coordinating team (role NATIONAL_COORDINATOR) the figures of every region; for anyone else who reads figures, those of what their agency sees. What the agreements keep from you is not counted, and the report says so.',
  })
  @ReadableBy(FIGURES)
  async yearlyReport(
    @Args() { year }: YearlyReportArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<GeneratedDocument> {
    const statistics = await this.reads.read(
      { actor, request, operation: 'yearlyReport' },
      async (db, view) => ({
        result: await statisticsOf(db, actor.agency, view, { from: startOf(year), to: startOf(year + 1) }),
        disclosures: [],
      }),
    );
    const notes = statistics.figures.notVisible.map(
      ({ figure, activations, categories }) =>
        `${figure}: ${NOT_VISIBLE} in ${activations} activatie(s) (categorie ${categories.join(', ')}); niet meegeteld.`,
    );
    const pdf = await yearlyReportPdf({
      year,
      viewer: actor.agency,
      generatedAt: new Date(),
      tables: statisticsTables(statistics).filter((table) => table.name !== 'Niet zichtbaar'),
      notes,
    });
    return generatedDocument(`jaarverslag-${year}.pdf`, 'application/pdf', pdf);
  }
}
