import { EntityManager } from 'typeorm';
import {
  ActivationEvent,
  ALL_DATA_CATEGORIES,
  ALL_SAFETY_REGIONS,
  DataCategory,
  isActivationEventType,
  isAgreementEventType,
  RegionalCoordination,
  regionsCoordinatedBy,
  NATIONAL_TEAM,
  SAFETY_REGIONS_COORDINATE,
} from '#domain';
import { activationIdOfStream, activationStreamId, EventStore, redact, StoredEvent } from '#events';
import { ActivationFacts, entitledAgencies, evolveFacts } from '../case-facts/activation-facts.js';
import { activationFactsTable } from '../case-facts/activation-facts.table.js';
import { StreamHistory } from '../case-facts/stream-history.js';
import { AgreementGrants } from '../agreements/agreement-grants.js';
import { outcomeVisibleWith } from '../activation-list/activation-outcome.js';
import { commitWithoutFlushWait } from '../sql/derived-data.js';
import { ReadModelWriter } from './read-model.writer.js';
import { correctionOf } from '../timeline/timeline-correction.js';

/**
 * Projects every event into the read models of every agency entitled to it, through the one redaction
 * function. Runs inside the subscription's transaction, so rows and checkpoint commit together.
 */
export class ReadModelProjector {
  /** `clock` decides which agreements are in force; the real clock except in tests of date boundaries. */
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
    /** Who coordinates which region: they see its activations too. */
    private readonly coordination: RegionalCoordination = SAFETY_REGIONS_COORDINATE,
  ) {}

  async handle(events: readonly StoredEvent[], tx: EntityManager): Promise<void> {
    await commitWithoutFlushWait(tx);
    const writer = new ReadModelWriter(tx);
    const grants = new AgreementGrants(tx, this.clock);
    const history = new StreamHistory(this.store, tx);
    const facts = await activationFactsTable.load(tx, 'rm_activation_facts', [
      ...new Set(events.filter((e) => isActivationEventType(e.type)).map(activationIdOf)),
    ]);
    for (const event of events) {
      if (isAgreementEventType(event.type)) {
        const agency = await grants.apply(event);
        if (agency) await this.reproject(agency, tx, writer, grants, facts);
      } else if (isActivationEventType(event.type)) {
        await this.project(event, writer, grants, facts, history);
        history.record(event);
        if (event.type === 'personal-data.erased') {
          await this.reprojectActivation(activationIdOf(event), tx, writer, grants, facts);
        }
      }
    }
    await writer.flush();
  }

  /** Rebuilds one agency's rows from the events already projected, with the grants now in force. */
  async reprojectAgency(
    agency: string,
    tx: EntityManager,
    onProgress?: (done: number, total: number) => void,
  ): Promise<number> {
    const writer = new ReadModelWriter(tx);
    const count = await this.reproject(
      agency,
      tx,
      writer,
      new AgreementGrants(tx, this.clock),
      new Map(),
      onProgress,
    );
    await writer.flush();
    return count;
  }

  private async project(
    event: StoredEvent,
    writer: ReadModelWriter,
    grants: AgreementGrants,
    cache: Map<string, ActivationFacts>,
    history: StreamHistory,
  ): Promise<void> {
    const activationId = activationIdOf(event);
    const before = cache.get(activationId);
    const after = factsAfter(before, event);
    if (!after) return; // an event of a stream without activation.opened: nothing to show anyone
    cache.set(activationId, after);
    writer.putFacts(after);

    const was = new Set(before ? readModelAgencies(before, this.coordination) : []);
    const now = readModelAgencies(after, this.coordination);
    for (const agency of was) {
      // An agency that leaves keeps seeing what it contributed itself (DESIGN §4), and nothing else.
      if (now.includes(agency)) continue;
      await writer.removeAgency(agency, activationId, { keepOwn: true });
      // Its leaving is its own contribution too.
      if (event.metadata.actor.agency === agency) {
        this.addOwn(agency, await grants.categoriesFor(agency, after.region), event, after, writer);
      }
    }
    for (const agency of now) {
      const categories = await grants.categoriesFor(agency, after.region);
      if (before && !was.has(agency)) {
        // Newly entitled (joined): the joint timeline includes what happened before it joined.
        for (const earlier of await history.before(event)) {
          this.projectFor(agency, categories, earlier, after, writer);
        }
      }
      this.projectFor(agency, categories, event, after, writer);
    }
    await this.projectInbox(event, after, grants, writer);
  }

  /**
   * What the event addresses to an agency's inbox: an invitation or a referral (with the case at CASE
   * level and the reason as that agency may read them, through the one redaction function), or the
   * answer to an invitation. `only` limits it to one agency, when its inbox is projected again.
   */
  private async projectInbox(
    event: StoredEvent,
    facts: ActivationFacts,
    grants: AgreementGrants,
    writer: ReadModelWriter,
    only?: string,
  ): Promise<void> {
    const domainEvent = { type: event.type, data: event.data } as ActivationEvent;
    const item = inboxItemOf(domainEvent);
    if (!item || (only !== undefined && item.agency !== only)) return;
    const categories = await grants.categoriesFor(item.agency, facts.region);
    if (item.answer) {
      const visible = redact(domainEvent, categories);
      const reason = (visible?.data as { reason?: unknown } | undefined)?.reason ?? null;
      writer.answerInbox({
        agency: item.agency,
        activationId: facts.activationId,
        state: item.answer,
        answer: item.answer === 'DECLINED' ? { reason } : null,
        answeredAt: event.occurredAt,
      });
      return;
    }
    // Before it joins, an agency sees the case only at CASE level (the title when its author classified it CASE).
    if (!categories.has(DataCategory.CASE)) return;
    const summary = redact(
      {
        type: 'activation.opened',
        data: {
          activationId: facts.activationId,
          title: facts.title,
          caseNumber: facts.caseNumber ?? undefined,
          kind: facts.kind,
          trigger: facts.trigger,
          themes: facts.themes,
          region: facts.region,
          municipality: facts.municipality,
          leadAgency: facts.leadAgency,
        },
      },
      new Set([DataCategory.CASE]),
    );
    // A referral is addressed to its agency: it learns that it was referred, as the referring agency meant.
    const readable =
      item.kind === 'REFERRAL' ? new Set([...categories, DataCategory.INTERVENTION]) : categories;
    const visible = redact(domainEvent, readable);
    if (!summary || !visible) return;
    writer.addToInbox({
      agency: item.agency,
      activationId: facts.activationId,
      itemId: item.kind === 'REFERRAL' ? `referral-${item.id}` : `invitation-${event.streamVersion}`,
      kind: item.kind,
      fromAgency: item.from,
      reason: (visible.data as { reason?: unknown }).reason ?? null,
      activation: { ...(summary.data as object), status: facts.status },
      withheld: [...new Set([...summary.withheld, ...visible.withheld])].sort(),
      state: item.kind === 'REFERRAL' ? 'RECEIVED' : 'PENDING',
      receivedAt: event.occurredAt,
    });
  }

  private projectFor(
    agency: string,
    categories: ReadonlySet<DataCategory>,
    event: StoredEvent,
    facts: ActivationFacts,
    writer: ReadModelWriter,
  ): void {
    const visible = redact({ type: event.type, data: event.data }, readableBy(agency, categories, event));
    if (visible) this.addToTimeline(agency, event, facts, visible, writer);
    const correction = visible && correctionOf(event.type, visible.data);
    if (correction) {
      // What the agency holds of the corrected entry shows the corrected value, and says it was corrected.
      writer.correctTimeline({ agency, activationId: facts.activationId, correction, at: event.occurredAt });
    }
    if (!categories.has(DataCategory.CASE)) return;
    if (correction?.listRow) {
      writer.correctActivation({
        agency,
        activationId: facts.activationId,
        ...correction.listRow,
        at: event.occurredAt,
      });
    }
    // The row follows every event, seen or not: its version must be the stream's, or every command based
    // on it would be refused as CONFLICT (docs/security.md: what a version token still tells).
    const outcome = outcomeVisibleWith(categories, facts.strongestMeasure);
    if (visible && event.type === 'activation.opened') {
      const data = visible.data as { location?: unknown; employer?: unknown; title?: unknown };
      writer.putActivation({
        agency,
        facts,
        location: data.location,
        employer: data.employer,
        title: data.title,
        outcome,
        withheld: visible.withheld,
        actors: actorsOf(agency, event),
      });
    } else {
      writer.putActivation({
        agency,
        facts,
        location: undefined,
        employer: undefined,
        outcome,
        // What this event withholds of what the agency sees of it joins the row's withheld (an event it does
        // not see at all adds nothing: naming its category would tell that it happened).
        withheld: visible?.withheld ?? [],
        actors: actorsOf(agency, event),
      });
    }
  }

  /** One of the agency's own contributions, on the timeline only (the list row went when it left). */
  private addOwn(
    agency: string,
    categories: ReadonlySet<DataCategory>,
    event: StoredEvent,
    facts: ActivationFacts,
    writer: ReadModelWriter,
  ): void {
    const visible = redact({ type: event.type, data: event.data }, readableBy(agency, categories, event));
    if (visible) this.addToTimeline(agency, event, facts, visible, writer);
  }

  private addToTimeline(
    agency: string,
    event: StoredEvent,
    facts: ActivationFacts,
    visible: { data: unknown; withheld: DataCategory[] },
    writer: ReadModelWriter,
  ): void {
    writer.addTimeline({
      agency,
      activationId: facts.activationId,
      streamVersion: event.streamVersion,
      eventId: event.eventId,
      eventType: event.type,
      occurredAt: event.occurredAt,
      actingAgency: event.metadata.actor.agency,
      payload: visible.data,
      withheld: visible.withheld,
    });
  }

  private async reproject(
    agency: string,
    tx: EntityManager,
    writer: ReadModelWriter,
    grants: AgreementGrants,
    cache: Map<string, ActivationFacts>,
    onProgress: (done: number, total: number) => void = () => undefined,
  ): Promise<number> {
    await writer.flush();
    await writer.removeAgency(agency);
    await writer.clearInbox(agency);
    const rows = await activationFactsTable.entitling(
      tx,
      'rm_activation_facts',
      agency,
      agency === NATIONAL_TEAM ? ALL_SAFETY_REGIONS : regionsCoordinatedBy(this.coordination, agency),
    );
    let projected = 0;
    for (const [index, stored] of rows.entries()) {
      const facts = cache.get(stored.activationId) ?? stored;
      const history = await this.store.readStream(activationStreamId(facts.activationId), 0, {
        upToVersion: facts.streamVersion,
        tx,
      });
      await this.replayFor(agency, facts, history, grants, writer);
      projected += history.length;
      onProgress(index + 1, rows.length);
    }
    return projected;
  }

  /** The agency's rows of one activation from its history, as reprojecting it would write them. */
  private async replayFor(
    agency: string,
    facts: ActivationFacts,
    history: readonly StoredEvent[],
    grants: AgreementGrants,
    writer: ReadModelWriter,
  ): Promise<void> {
    const categories = await grants.categoriesFor(agency, facts.region);
    // An agency no longer entitled (it left) keeps only its own contributions, as when it left.
    const entitled = readModelAgencies(facts, this.coordination).includes(agency);
    for (const event of history) {
      if (entitled) this.projectFor(agency, categories, event, facts, writer);
      else if (event.metadata.actor.agency === agency) this.addOwn(agency, categories, event, facts, writer);
      await this.projectInbox(event, facts, grants, writer, agency);
    }
  }

  /**
   * After an erasure (personal-data.erased) every row of the activation is written again from its stream
   * as the store opens it now, its keys gone: what the rows held of the erased subject, the case facts'
   * title included, reads as erased, and no row keeps a value that outlived its key (issue 19).
   */
  private async reprojectActivation(
    activationId: string,
    tx: EntityManager,
    writer: ReadModelWriter,
    grants: AgreementGrants,
    cache: Map<string, ActivationFacts>,
  ): Promise<void> {
    const projected = cache.get(activationId);
    if (!projected) return;
    const history = await this.store.readStream(activationStreamId(activationId), 0, {
      upToVersion: projected.streamVersion,
      tx,
    });
    const facts = history.reduce<ActivationFacts | undefined>(
      (f, event) => factsAfter(f, event) ?? f,
      undefined,
    );
    if (!facts) return;
    cache.set(activationId, facts);
    writer.putFacts(facts);
    const holding = new Set([
      ...(await writer.agenciesHolding(activationId)),
      ...readModelAgencies(facts, this.coordination),
    ]);
    for (const agency of [...holding].sort()) {
      await writer.removeAgency(agency, activationId);
      await writer.clearInbox(agency, activationId);
      await this.replayFor(agency, facts, history, grants, writer);
    }
  }
}

/** The case facts after one more event, with who acted on it and whom it addressed. */
function factsAfter(before: ActivationFacts | undefined, event: StoredEvent): ActivationFacts | undefined {
  const domainEvent = { type: event.type, data: event.data } as ActivationEvent;
  const evolved = evolveFacts(before, domainEvent, event);
  return evolved && withAddressee(withContributor(evolved, event.metadata.actor.agency), domainEvent);
}

/**
 * Whose read models hold an activation: those entitled to it, and the national team (LOT-C), whose
 * read models exist for the figures of every region (as its agreements allow); its tokens read no case
 * (the roles it may carry, the api's read policies and row-level security keep it to figures). Not its
 * feed: the feed projector keeps to the entitled agencies.
 */
export function readModelAgencies(
  facts: ActivationFacts,
  coordination: RegionalCoordination = SAFETY_REGIONS_COORDINATE,
): string[] {
  return [...entitledAgencies(facts, coordination), NATIONAL_TEAM];
}

type InboxItemOf =
  | { agency: string; kind: 'INVITATION' | 'REFERRAL'; from: string; id: string; answer?: undefined }
  | { agency: string; answer: 'ACCEPTED' | 'DECLINED'; kind?: undefined; from?: undefined; id?: undefined };

/** Who an event addresses in their inbox, and as what. */
function inboxItemOf(event: ActivationEvent): InboxItemOf | undefined {
  switch (event.type) {
    case 'agency.invited':
      return { agency: event.data.agency, kind: 'INVITATION', from: event.data.invitedBy, id: '' };
    case 'referral.made':
      return {
        agency: event.data.toAgency,
        kind: 'REFERRAL',
        from: event.data.fromAgency,
        id: event.data.referralId,
      };
    case 'agency.joined':
      return { agency: event.data.agency, answer: 'ACCEPTED' };
    case 'invitation.declined':
      return { agency: event.data.agency, answer: 'DECLINED' };
    default:
      return undefined;
  }
}

/** The facts with the agency an invitation or referral addresses among those whose inbox follows it. */
function withAddressee(facts: ActivationFacts, event: ActivationEvent): ActivationFacts {
  const agency =
    event.type === 'agency.invited'
      ? event.data.agency
      : event.type === 'referral.made'
        ? event.data.toAgency
        : undefined;
  const addressed = facts.addressed ?? [];
  return agency === undefined || addressed.includes(agency)
    ? facts
    : { ...facts, addressed: [...addressed, agency] };
}

/** The facts with the agency among those that acted on the activation. */
function withContributor(facts: ActivationFacts, agency: string): ActivationFacts {
  const contributors = facts.contributors ?? [];
  return contributors.includes(agency) ? facts : { ...facts, contributors: [...contributors, agency] };
}

export function activationIdOf(event: StoredEvent): string {
  return activationIdOfStream(event.streamId) ?? event.streamId;
}

/** The event's user, for the row of the user's own agency only: a row never names another agency's staff. */
function actorsOf(agency: string, event: StoredEvent): string[] {
  const { actor } = event.metadata;
  return actor.agency === agency ? [actor.userId] : [];
}

const EVERY_CATEGORY: ReadonlySet<DataCategory> = new Set(ALL_DATA_CATEGORIES);

/**
 * What of an event an agency's read models show: what its agreements allow, and all of what it recorded
 * itself while an agreement in force covers the activation (CASE). An author never loses sight of what it
 * wrote (a health finding, the names it typed): it holds that data already, as the one who collected it.
 * An agency without any agreement for the case sees nothing of it, its own entries included, as before.
 * Its feed and every other agency still get what the agreements allow; the list row's existence and
 * outcome follow the agreements too.
 */
function readableBy(
  agency: string,
  categories: ReadonlySet<DataCategory>,
  event: StoredEvent,
): ReadonlySet<DataCategory> {
  return event.metadata.actor.agency === agency && categories.has(DataCategory.CASE)
    ? EVERY_CATEGORY
    : categories;
}
