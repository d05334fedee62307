import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Role } from '#domain';
import type { SubjectPseudonym } from '#events';
import {
  accessLogLines,
  accessLogTable,
  ActivityRegister,
  disclosureOfVisible,
  purposeOfActivity,
} from '#read-models';
import type { RelayEntry } from './relay-entries.js';

/** The operation of the access-log lines of Kafka deliveries. */
export const KAFKA_DELIVERY = 'kafka feed';

/**
 * Publishing personal, health or criminal data to an agency's topic discloses it as much as a GraphQL
 * read does, so the relay logs what it published, as the api logs what it returned, through the same
 * lines and table: one W3C trace per batch, a span per agency's delivery, one line per data subject per
 * activation, the activity the agency's feed serves (FEED_ACTIVITIES), and the audit record naming the agency's system (its Kafka
 * principal, agency-<CODE>, in the role AGENCY_SYSTEM). It runs in the transaction that moves the relay's
 * checkpoint past the entries, after the broker acknowledged them: a crash in between publishes them
 * again, and logs them then.
 */
export class RelayAccessLog {
  constructor(
    private readonly pseudonym: SubjectPseudonym,
    private readonly register: ActivityRegister,
  ) {}

  async record(tx: EntityManager, published: readonly RelayEntry[]): Promise<void> {
    const traceId = randomBytes(16).toString('hex');
    const byAgency = new Map<string, RelayEntry[]>();
    for (const entry of published) byAgency.set(entry.agency, [...(byAgency.get(entry.agency) ?? []), entry]);
    for (const [agency, entries] of byAgency) {
      const lines = accessLogLines(
        this.pseudonym,
        entries.map((entry) =>
          disclosureOfVisible(entry.activationId, { data: entry.payload, carried: entry.carried }),
        ),
      );
      if (lines.length === 0) continue;
      // One activity per agency's feed (FEED_ACTIVITIES), so every entry of the agency names the same.
      const { activity } = entries[0];
      await accessLogTable.record(tx, {
        traceId,
        spanId: randomBytes(8).toString('hex'),
        parentSpanId: null,
        activityUri: await this.register.uriOf(activity, tx),
        status: 'OK',
        agency,
        purpose: purposeOfActivity(activity),
        operation: KAFKA_DELIVERY,
        audit: { userId: `agency-${agency}`, role: Role.AGENCY_SYSTEM, requestId: null },
        lines,
      });
    }
  }
}
