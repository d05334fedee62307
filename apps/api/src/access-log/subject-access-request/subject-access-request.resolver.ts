import { Args, Query, Resolver } from '@nestjs/graphql';
import { EntityManager } from 'typeorm';
import type { Actor, DataCategory } from '#domain';
import { subjectAccessRequestPdf } from '#documents';
import { ReadDatabase } from '#platform';
import { SubjectIdType, SubjectPseudonym } from '#events';
import {
  AccessLogRow,
  activationsTable,
  ActivityRegister,
  feedTable,
  LOGGED_CATEGORIES,
  timelineTable,
} from '#read-models';
import { ACCESS_LOG, CurrentActor, ReadableBy, scopeOf } from '../../auth/index.js';
import { GeneratedDocument, generatedDocument } from '../../documents/index.js';
import { AccessLogRecorder } from '../access-log.recorder.js';
import { CurrentReadRequest, unknownPurpose, type ReadRequest } from '../read-request.decorator.js';
import { allAccessLogLines } from '../query-access-log/access-log.resolver.js';
import { SubjectAccessFormat, SubjectAccessRequestArgs } from './subject-access-request.args.js';
import {
  ActivationOfPerson,
  activationsOfPerson,
  loggedReadOf,
  recipientsOf,
  SubjectAccessAnswer,
} from './subject-access-request.model.js';

const OPERATION = 'subjectAccessRequest';

/** What the answer covers, in the words the data subject reads (the PDF prints them). */
function answerScope(agency: string): string[] {
  return [
    `Dit overzicht beantwoordt een inzageverzoek (AVG artikel 15) voor ${agency}: de gegevens van de betrokkene zoals ${agency} ze in keten heeft, in de activeringen waarin ${agency} de betrokkene ziet, zoals de afspraken over gegevensdeling ${agency} ze laten zien. Wat voor ${agency} niet zichtbaar is, staat er niet in.`,
    `Ontvangers: de organisaties die deze gegevens via hun feed ontvingen, met de gegevenscategorieën (voor zover ${agency} die zelf ziet) en het moment van ontvangst.`,
    `Toegangslog: de inzage door ${agency}. Andere organisaties in keten beantwoorden een inzageverzoek over wat zij hebben en wie bij hen de gegevens inzag.`,
    'Gegevens van anderen (andere personen in dezelfde vastlegging, de melder van een signaal) staan er niet in (artikel 15 lid 4).',
  ];
}

/**
 * The privacy officer's answer to a data subject's access request (AVG art. 15): everything the officer's
 * agency holds in keten about the person with a BSN. Read in one transaction under row-level security with
 * the BSN set for it (ReadScope.subjectBsn): the database shows the officer the agency's own timeline and
 * list rows of the activations those rows name the person in, and nothing else of case data; the feed
 * ledger only of those rows' events; the access log only of the agency. A BSN keten does not hold and one
 * only other agencies hold take the very same path to the same empty answer. The export is a read of the
 * person's data, logged as one.
 */
@Resolver(() => GeneratedDocument)
export class SubjectAccessRequestResolver {
  constructor(
    private readonly reads: ReadDatabase,
    private readonly pseudonym: SubjectPseudonym,
    private readonly accessLog: AccessLogRecorder,
    private readonly register: ActivityRegister,
  ) {}

  @Query(() => GeneratedDocument, {
    description:
      "The answer to a data subject's access request (AVG art. 15) for the person with this BSN, as JSON or PDF, of what your agency holds: their data as recorded in the activations your agency's read models name them in (what your agreements let it see; withheld values stay withheld), which agencies received which of those categories and when (the feed ledger), and your agency's reads of them (the access log). Only for privacy officers. The export is logged as a read of the person's data.",
  })
  @ReadableBy(ACCESS_LOG)
  async subjectAccessRequest(
    @Args() { bsn, format }: SubjectAccessRequestArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<GeneratedDocument> {
    const answer = await this.answer(bsn, actor, request);
    const name = `inzageverzoek-${answer.dataSubject.pseudonym.slice(0, 12)}`;
    return format === SubjectAccessFormat.PDF
      ? generatedDocument(`${name}.pdf`, 'application/pdf', await subjectAccessRequestPdf(answer))
      : generatedDocument(`${name}.json`, 'application/json', Buffer.from(JSON.stringify(answer, null, 2)));
  }

  private async answer(bsn: string, actor: Actor, request: ReadRequest): Promise<SubjectAccessAnswer> {
    if (!(await this.register.registered(request.activity))) throw unknownPurpose(request.purpose);
    const subjectRef = this.pseudonym.ofBsn(bsn);
    const { activations, recipients, reads } = await this.reads.read(
      { ...scopeOf(actor), subjectBsn: bsn },
      async (db) => {
        // Row-level security shows these rows only to a privacy officer, of the activations the agency's
        // own rows name the person in; the queries name the agency as every read does.
        const held = await timelineTable.accessRequestEntries(db, actor.agency);
        const rows = await activationsTable.accessRequestActivations(db, actor.agency);
        const activations = activationsOfPerson(held, rows, bsn);
        const eventIds = activations.flatMap((a) => a.entries.map((entry) => entry.eventId));
        const recipients = recipientsOf(activations, await feedTable.accessRequestDeliveries(db, eventIds));
        const lines = await this.linesOf(db, subjectRef, activations);
        await this.accessLog.record(
          db,
          { actor, request, operation: OPERATION },
          request.activity,
          activations.map((activation) => ({
            activationId: activation.activationId,
            categories: LOGGED_CATEGORIES.filter((category) =>
              activation.entries.some((entry) => entry.categories.includes(category as DataCategory)),
            ),
            subjectIds: activation.subjectIds,
            bsnOf: new Map(activation.subjectIds.map((id) => [id, bsn])),
          })),
        );
        return { activations, recipients, reads: lines };
      },
    );
    return {
      kind: 'keten.subject-access-request',
      version: 2,
      dataSubject: { bsn, pseudonym: subjectRef, type: SubjectIdType.BSN },
      answeredBy: { agency: actor.agency, userId: actor.userId, at: new Date().toISOString() },
      scope: answerScope(actor.agency),
      activations,
      recipients,
      accessLog: { agency: actor.agency, reads: reads.map(loggedReadOf) },
    };
  }

  /**
   * The agency's lines of the person: by the BSN's pseudonym in every case, and within each activation of
   * the answer by the subject ids it gave them (a read that returned the subject without the BSN). Newest
   * first.
   */
  private async linesOf(
    db: EntityManager,
    subjectRef: string,
    activations: readonly ActivationOfPerson[],
  ): Promise<AccessLogRow[]> {
    const found = new Map<string, AccessLogRow>();
    const add = (rows: AccessLogRow[]) => rows.forEach((row) => found.set(row.id, row));
    add(await allAccessLogLines(db, { subjectRefs: [subjectRef] }));
    for (const { activationId, subjectIds } of activations)
      for (const subjectId of subjectIds)
        add(
          await allAccessLogLines(db, {
            caseSubject: {
              activationId,
              caseRef: this.pseudonym.ofCaseSubject(activationId, subjectId),
              legacyRef: this.pseudonym.ofLegacySubjectId(subjectId),
            },
          }),
        );
    return [...found.values()].sort(
      (a, b) => b.recorded_at.getTime() - a.recorded_at.getTime() || Number(b.id) - Number(a.id),
    );
  }
}
