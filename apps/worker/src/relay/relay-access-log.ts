import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Role } from '#domain';
import {
  accessLogLines,
  accessLogTable,
  disclosureOf,
  ProcessingPurpose,
  SubjectPseudonym,
} from '#read-models';
import type { RelayEntry } from './relay-entries.js';

/** The operation of the access-log lines of Kafka deliveries. */
export const KAFKA_DELIVERY = 'kafka feed';

/**
 * Publishing personal, health or criminal data to an agency's topic discloses it as much as a GraphQL
 * read does, so the relay logs what it published, as the api logs what it returned: one line per data
 * subject per activation, the actor the agency's system (its Kafka principal, agency-<CODE>, in the role
 * AGENCY_SYSTEM), one W3C trace id per batch. It runs in the transaction that moves the relay's checkpoint
 * past the entries, after the broker acknowledged them: a crash in between publishes them again, and
 * logs them then.
 */
export class RelayAccessLog {
  constructor(private readonly pseudonym: SubjectPseudonym) {}

  async record(tx: EntityManager, published: readonly RelayEntry[]): Promise<void> {
    const traceId = randomBytes(16).toString('hex');
    const byAgency = new Map<string, RelayEntry[]>();
    for (const entry of published) byAgency.set(entry.agency, [...(byAgency.get(entry.agency) ?? []), entry]);
    for (const [agency, entries] of byAgency) {
      await accessLogTable.record(tx, {
        traceId,
        requestId: null,
        userId: `agency-${agency}`,
        agency,
        role: Role.AGENCY_SYSTEM,
        purpose: ProcessingPurpose.CASE_COORDINATION,
        operation: KAFKA_DELIVERY,
        lines: accessLogLines(
          this.pseudonym,
          entries.map((entry) => disclosureOf(entry.activationId, entry.type, entry.payload)),
        ),
      });
    }
  }
}
