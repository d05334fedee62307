import { EntityManager } from 'typeorm';
import {
  ActivationCorrection,
  ActivationListEntry,
  activationsTable,
} from '../activation-list/activations.table.js';
import { ActivationFacts } from '../case-facts/activation-facts.js';
import { activationFactsTable } from '../case-facts/activation-facts.table.js';
import { TimelineCorrectionEntry, TimelineEntry, timelineTable } from '../timeline/timeline.table.js';
import { InboxAnswer, InboxEntry, inboxTable } from '../inbox/inbox.table.js';

/**
 * Collects what the projector decided for one batch and writes it through the tables' own writers, in a
 * few multi-row statements. Deletions flush first, so the order of operations is kept.
 */
export class ReadModelWriter {
  private timeline: TimelineEntry[] = [];
  private entries = new Map<string, ActivationListEntry>();
  private facts = new Map<string, ActivationFacts>();
  /** Corrections apply after the rows of this batch are written: the entry corrected may be among them. */
  private timelineCorrections: TimelineCorrectionEntry[] = [];
  private listCorrections: ActivationCorrection[] = [];
  /** Inbox writes in the order they were decided: an answer follows the invitation it answers. */
  private inbox: ({ put: InboxEntry } | { answer: InboxAnswer })[] = [];

  constructor(private readonly tx: EntityManager) {}

  addTimeline(entry: TimelineEntry): void {
    this.timeline.push(entry);
  }

  /** The list row, or fresh case facts for it while keeping the location/employer set at opening. */
  putActivation(entry: ActivationListEntry): void {
    const key = `${entry.agency}\u0000${entry.facts.activationId}`;
    const pending = this.entries.get(key);
    this.entries.set(
      key,
      pending
        ? {
            ...pending,
            facts: entry.facts,
            outcome: entry.outcome,
            withheld: [...new Set([...pending.withheld, ...entry.withheld])].sort(),
            actors: [...new Set([...(pending.actors ?? []), ...(entry.actors ?? [])])].sort(),
          }
        : entry,
    );
  }

  correctTimeline(correction: TimelineCorrectionEntry): void {
    this.timelineCorrections.push(correction);
  }

  correctActivation(correction: ActivationCorrection): void {
    this.listCorrections.push(correction);
  }

  addToInbox(entry: InboxEntry): void {
    this.inbox.push({ put: entry });
  }

  answerInbox(answer: InboxAnswer): void {
    this.inbox.push({ answer });
  }

  /** Everything addressed to the agency (about one activation), before its inbox is projected again. */
  async clearInbox(agency: string, activationId?: string): Promise<void> {
    await this.flush();
    await inboxTable.remove(this.tx, agency, activationId);
  }

  /** Every agency holding rows of the activation: in its timeline or its inbox. */
  async agenciesHolding(activationId: string): Promise<string[]> {
    await this.flush();
    const [timeline, inbox] = [
      await timelineTable.agenciesHolding(this.tx, activationId),
      await inboxTable.agenciesAddressed(this.tx, activationId),
    ];
    return [...new Set([...timeline, ...inbox])].sort();
  }

  putFacts(facts: ActivationFacts): void {
    this.facts.set(facts.activationId, facts);
  }

  /**
   * The agency's rows of one activation, or of all when `activationId` is left out; with `keepOwn`, its
   * timeline keeps the entries of what it did itself.
   */
  async removeAgency(
    agency: string,
    activationId?: string,
    options: { keepOwn?: boolean } = {},
  ): Promise<void> {
    await this.flush();
    await timelineTable.remove(this.tx, agency, activationId, options.keepOwn === true);
    await activationsTable.remove(this.tx, agency, activationId);
  }

  async flush(): Promise<void> {
    const facts = [...this.facts.values()];
    this.facts.clear();
    await activationFactsTable.save(this.tx, 'rm_activation_facts', facts);
    const entries = [...this.entries.values()];
    this.entries.clear();
    await activationsTable.put(this.tx, entries);
    const timeline = this.timeline;
    this.timeline = [];
    await timelineTable.add(this.tx, timeline);
    const timelineCorrections = this.timelineCorrections;
    this.timelineCorrections = [];
    await timelineTable.correct(this.tx, timelineCorrections);
    const listCorrections = this.listCorrections;
    this.listCorrections = [];
    await activationsTable.correct(this.tx, listCorrections);
    const inbox = this.inbox;
    this.inbox = [];
    for (let i = 0; i < inbox.length;) {
      const op = inbox[i];
      if ('answer' in op) {
        await inboxTable.answer(this.tx, op.answer);
        i++;
        continue;
      }
      // Consecutive new items go in one statement.
      const puts: InboxEntry[] = [];
      while (i < inbox.length && 'put' in inbox[i]) puts.push((inbox[i++] as { put: InboxEntry }).put);
      await inboxTable.put(this.tx, puts);
    }
  }
}
