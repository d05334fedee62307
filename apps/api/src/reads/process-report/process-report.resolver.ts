import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { processReport, processReportHtml, processReportPdf, ReportEntry } from '#documents';
import { VersionTokens } from '#events';
import { CASE_DATA, CurrentActor, ReadableBy } from '../../auth/index.js';
import { CurrentReadRequest, disclosureOf, LoggedReads, type ReadRequest } from '../../access-log/index.js';
import { activationViewOf } from '../shared/activation-views.js';
import { activationNotFound } from '../shared/read-errors.js';
import { timelineViewOf } from '../shared/timeline-views.js';
import { GeneratedDocument, generatedDocument } from '../../documents/index.js';
import { DocumentFormat, ProcessReportArgs } from './process-report.args.js';

const TIMELINE_PAGE = 500;

@Resolver(() => GeneratedDocument)
export class ProcessReportResolver {
  constructor(
    private readonly reads: LoggedReads,
    private readonly tokens: VersionTokens,
  ) {}

  @Query(() => GeneratedDocument, {
    description:
      'The process report (procesverslag) of an activation, in Dutch, as your agency sees it: the activation, participants, report, measures, inspections, referrals and the whole timeline, withheld parts marked "niet zichtbaar voor uw organisatie". NOT_FOUND when the activation is not visible to you. What it holds of persons is recorded in the access log like any read.',
  })
  @ReadableBy(CASE_DATA)
  async processReport(
    @Args() { activationId, format }: ProcessReportArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<GeneratedDocument> {
    const report = await this.reads.read({ actor, request, operation: 'processReport' }, async (db, view) => {
      const found = await activationViewOf(db, view, actor.agency, activationId, this.tokens);
      if (!found) throw activationNotFound(activationId);
      const rows = [];
      for (let after: string | undefined; ;) {
        const page = (await timelineViewOf(db, view, actor.agency, activationId, after, TIMELINE_PAGE)) ?? [];
        rows.push(...page);
        if (page.length < TIMELINE_PAGE) break;
        after = page.at(-1)!.event_id;
      }
      const timeline: ReportEntry[] = rows.map((row) => ({
        occurredAt: row.occurred_at,
        actingAgency: row.acting_agency,
        type: row.event_type,
        payload: row.payload,
        withheld: row.withheld,
      }));
      return {
        result: processReport({
          activation: found.result,
          timeline,
          viewer: actor.agency,
          generatedAt: new Date(),
        }),
        disclosures: [
          ...found.disclosures,
          ...rows.map((row) => disclosureOf(activationId, row.event_type, row.payload)),
        ],
      };
    });
    const bytes =
      format === DocumentFormat.HTML
        ? Buffer.from(processReportHtml(report), 'utf8')
        : await processReportPdf(report);
    return format === DocumentFormat.HTML
      ? generatedDocument(`procesverslag-${activationId}.html`, 'text/html; charset=utf-8', bytes)
      : generatedDocument(`procesverslag-${activationId}.pdf`, 'application/pdf', bytes);
  }
}
