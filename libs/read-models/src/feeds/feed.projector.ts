import { EntityManager } from 'typeorm';
import {
  ActivationEvent,
  isActivationEventType,
  isAgreementEventType,
  RegionalCoordination,
  SAFETY_REGIONS_COORDINATE,
} from '#domain';
import { EventStore, redact, StoredEvent } from '#events';
import { ActivationFacts, entitledAgencies, evolveFacts } from '../case-facts/activation-facts.js';
import { activationFactsTable } from '../case-facts/activation-facts.table.js';
import { StreamHistory } from '../case-facts/stream-history.js';
import { AgreementGrants } from '../agreements/agreement-grants.js';
import { activationIdOf } from '../projector/read-model.projector.js';
import { erasureRewrites } from './feed-erasure.js';
import { FeedAppend, FeedRow, feedTable } from './feed.table.js';
import { formerRecipients, TOLD_TO_FORMER_RECIPIENTS } from './former-recipients.js';

/**
 * Appends every event to the feed of every agency entitled to it at that moment, redacted with the
 * agreements in force then, through the one redaction function. An agency that joins an activation gets
 * its history then; an agreement change applies from the next event on; nothing is ever taken back.
 * Runs in the feed subscription's transaction, which also notifies the api instances (LISTEN/NOTIFY).
 *
 * Corrections and erasures also reach the agencies that received the data they are about and are no
 * longer entitled (AVG art. 19, former-recipients.ts). An erasure is the one thing that changes rows
 * already fed: their payloads are rewritten without the erased values (feed-erasure.ts), in place.
 */
export class FeedProjector {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
    /** Who coordinates which region: they see its activations too. */
    private readonly coordination: RegionalCoordination = SAFETY_REGIONS_COORDINATE,
  ) {}

  async handle(events: readonly StoredEvent[], tx: EntityManager): Promise<void> {
    const grants = new AgreementGrants(tx, this.clock, 'feed_agreements');
    const ids = [...new Set(events.filter((e) => isActivationEventType(e.type)).map(activationIdOf))];
    const facts = await activationFactsTable.load(tx, 'feed_activation_facts', ids);
    const history = new StreamHistory(this.store, tx);
    const changed = new Map<string, ActivationFacts>();
    const rows: FeedAppend[] = [];
    for (const event of events) {
      if (isAgreementEventType(event.type)) {
        await grants.apply(event);
        continue;
      }
      if (!isActivationEventType(event.type)) continue;
      const activationId = activationIdOf(event);
      const before = facts.get(activationId);
      const after = evolveFacts(before, { type: event.type, data: event.data } as ActivationEvent, event);
      if (!after) continue;
      facts.set(activationId, after);
      changed.set(activationId, after);
      const was = new Set(before ? entitledAgencies(before, this.coordination) : []);
      const entitled = entitledAgencies(after, this.coordination);
      // A corrected region moves the case away from the old region's coordinators: they received its data,
      // so they are told of the correction (AVG art. 19), and nothing after it.
      const movedAway =
        event.type === 'region.corrected' ? [...was].filter((agency) => !entitled.includes(agency)) : [];
      if (TOLD_TO_FORMER_RECIPIENTS.has(event.type)) {
        // What the ledger holds of the activation, this batch's rows included.
        await feedTable.append(tx, rows.splice(0));
        const ledger = await feedTable.ofActivation(tx, activationId);
        let lost: FeedRow[] = [];
        if (event.type === 'personal-data.erased') {
          const erased = await this.forgetErased(event, ledger, after, tx);
          lost = erased.lost;
          facts.set(activationId, erased.facts);
          changed.set(activationId, erased.facts);
        }
        const told = new Set([...entitled, ...movedAway]);
        for (const former of formerRecipients(event, ledger, told, lost)) {
          const visible = redact({ type: event.type, data: event.data }, former.categories);
          if (visible) {
            rows.push({
              agency: former.agency,
              event,
              activationId,
              region: former.region,
              ...visible,
              payload: visible.data,
            });
          }
        }
      }
      for (const agency of movedAway) {
        const visible = redact(
          { type: event.type, data: event.data },
          await grants.categoriesFor(agency, before!.region),
        );
        if (visible) {
          rows.push({
            agency,
            event,
            activationId,
            region: before!.region,
            ...visible,
            payload: visible.data,
          });
        }
      }
      for (const agency of entitled) {
        const categories = await grants.categoriesFor(agency, after.region);
        const earlier = before && !was.has(agency) ? await history.before(event) : [];
        for (const item of [...earlier, event]) {
          const visible = redact({ type: item.type, data: item.data }, categories);
          if (visible) {
            rows.push({
              agency,
              event: item,
              activationId,
              region: after.region,
              ...visible,
              payload: visible.data,
            });
          }
        }
      }
      history.record(event);
    }
    await activationFactsTable.save(tx, 'feed_activation_facts', [...changed.values()]);
    await feedTable.append(tx, rows);
  }

  /**
   * After personal data of an activation was erased (its keys are gone before the event is recorded):
   * rewrites every agency's rows of it as the store reads the stream now, and folds the feed's own facts of
   * it again from that stream, so neither holds a value the key sealed (the title, a name in a payload).
   */
  private async forgetErased(
    event: StoredEvent,
    ledger: readonly FeedRow[],
    known: ActivationFacts,
    tx: EntityManager,
  ): Promise<{ lost: FeedRow[]; facts: ActivationFacts }> {
    const stream = await this.store.readStream(event.streamId, 0, { tx });
    const { rewrites, lost } = erasureRewrites(ledger, stream);
    await feedTable.rewrite(tx, rewrites);
    let facts: ActivationFacts | undefined;
    for (const item of stream.filter((e) => e.streamVersion <= event.streamVersion)) {
      facts = evolveFacts(facts, { type: item.type, data: item.data } as ActivationEvent, item) ?? facts;
    }
    return { lost, facts: facts ?? known };
  }
}
