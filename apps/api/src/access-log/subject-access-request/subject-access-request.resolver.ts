import { Args, Query, Resolver } from '@nestjs/graphql';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, DataCategory } from '#domain';
import { subjectAccessRequestPdf } from '#documents';
import { ReadDatabase } from '#platform';
import { SubjectIdType, SubjectPseudonym } from '#events';
import { AccessLogRow, feedTable, LOGGED_CATEGORIES } from '#read-models';
import { ACCESS_LOG, CurrentActor, ReadableBy, scopeOf } from '../../auth/index.js';
import { GeneratedDocument, generatedDocument } from '../../documents/index.js';
import { AccessLogRecorder } from '../access-log.recorder.js';
import { CurrentReadRequest, type ReadRequest } from '../read-request.decorator.js';
import { allAccessLogLines } from '../query-access-log/access-log.resolver.js';
import { PersonActivations } from './person-activations.js';
import { SubjectAccessFormat, SubjectAccessRequestArgs } from './subject-access-request.args.js';
import {
  ActivationOfPerson,
  activationOfPerson,
  loggedReadOf,
  recipientsOf,
  SubjectAccessAnswer,
} from './subject-access-request.model.js';

const OPERATION = 'subjectAccessRequest';

/** What the answer covers, in the words the data subject reads (the PDF prints them). */
function answerScope(agency: string): string[] {
  return [
    'Dit overzicht beantwoordt een inzageverzoek (AVG artikel 15) voor de gezamenlijke verwerking in keten (artikel 26): de gegevens van de betrokkene zoals keten ze vastlegde, in alle activeringen van alle deelnemende organisaties.',
    'Ontvangers: elke organisatie waarvan de feed gegevens van de betrokkene bevatte, met de gegevenscategorieën en het moment van ontvangst.',
    `Toegangslog: de inzage door ${agency}. Elke organisatie houdt en beantwoordt haar eigen toegangslog; de andere ontvangers staan hieronder genoemd.`,
    'Gegevens van anderen (andere personen in dezelfde vastlegging, de melder van een signaal) staan er niet in (artikel 15 lid 4).',
  ];
}

/**
 * The privacy officer's answer to a data subject's access request (AVG art. 15): everything keten holds
 * about the person with a BSN. keten is a joint processing (art. 26), and a data subject may address any
 * of its controllers (art. 26(3)), so the privacy officer answers for all of it: the person's values in
 * every activation of every agency, read through the event store (opened as the store opens them, an
 * erased value reading as erased), and every agency whose feed carried them (the feed ledger). The access
 * log stays each agency's own (row-level security, no chain-wide view): the answer holds the officer's
 * agency's reads and names the other recipients, whose privacy officers answer for theirs. The export is
 * itself a read of the person's data, logged as one.
 */
@Resolver(() => GeneratedDocument)
export class SubjectAccessRequestResolver {
  constructor(
    private readonly persons: PersonActivations,
    private readonly owner: DataSource,
    private readonly reads: ReadDatabase,
    private readonly pseudonym: SubjectPseudonym,
    private readonly accessLog: AccessLogRecorder,
  ) {}

  @Query(() => GeneratedDocument, {
    description:
      "The complete answer to a data subject's access request (AVG art. 15) for the person with this BSN, as JSON or PDF: their data as recorded in every activation of the joint processing (every agency's cases), which agencies received which categories of it and when (the feed ledger), and the reads of your agency (the access log; other agencies answer for their own). Only for privacy officers. The export is logged as a read of the person's data.",
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
    const subjectRef = this.pseudonym.ofBsn(bsn);
    const activations: ActivationOfPerson[] = [];
    for (const activationId of await this.persons.activationsOfPerson(bsn)) {
      const found = activationOfPerson(activationId, await this.persons.eventsOf(activationId), bsn);
      if (found) activations.push(found);
    }
    const eventIds = activations.flatMap((activation) => activation.entries.map((entry) => entry.eventId));
    const recipients = recipientsOf(activations, await feedTable.deliveriesOf(this.owner.manager, eventIds));
    const reads = await this.reads.read(scopeOf(actor), async (db) => {
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
      return lines;
    });
    return {
      kind: 'keten.subject-access-request',
      version: 1,
      dataSubject: { bsn, pseudonym: subjectRef, type: SubjectIdType.BSN },
      answeredBy: { agency: actor.agency, userId: actor.userId, at: new Date().toISOString() },
      scope: answerScope(actor.agency),
      activations,
      recipients,
      accessLog: {
        agency: actor.agency,
        reads: reads.map(loggedReadOf),
        otherRecipients: recipients.map((r) => r.agency).filter((agency) => agency !== actor.agency),
      },
    };
  }

  /**
   * The agency's lines of the person: by the BSN's pseudonym in every case, and within each activation by
   * the subject ids it gave them (a read that returned the subject without the BSN). Newest first.
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
