import { Kafka } from 'kafkajs';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';
import {
  deleteTopics,
  readTopic,
  relayCaughtUp,
  testKafka,
  uniqueTopicPrefix,
} from '../../integration/relay/feed-topics.fixture.js';
import { graphql } from '../../support/graphql-client.js';
import { PrivateKafkaBroker } from '../../support/kafka-broker.js';
import { waitUntil } from '../../support/processes.js';

const ACTIVATION = 'publish-after-revocation';
const WORKER = { subjectId: 'p-pub-1', name: 'Ewa Zielinska', bsn: '123456782', nationality: 'PL' };

/**
 * One rule for both channels (issue 12, items 7 and 8). SVB holds the demo agreement (CASE, EMPLOYER,
 * PERSONAL, BENEFITS) and one of its own for VR17 (CASE, INTERVENTION, INCOME). Kafka goes away; while it
 * is away, NLA records an INCOME finding and a fine, which are fed to SVB; then SVB's own agreement is
 * revoked, and Kafka comes back. The relay must publish what GraphQL would show SVB now (neither the INCOME
 * finding nor the fine), and log what it published of persons as a read by SVB's system.
 */
describe('publishing after a revocation made while Kafka was away', () => {
  const broker = new PrivateKafkaBroker(19892);
  const prefix = uniqueTopicPrefix();
  let kafka: Kafka;
  const scenario = new FeedsScenario({
    KAFKA_BROKERS: broker.bootstrap,
    FEED_TOPIC_PREFIX: prefix,
    FEED_RELAY_MAX_RETRY_MS: '1000',
  });
  const ids: Record<string, string> = {};

  const finding = async (findingId: string, category: string, extra: Record<string, unknown> = {}) =>
    (
      await scenario.act('NLA', 'recordFinding', {
        activationId: ACTIVATION,
        findingId,
        category,
        description: `${findingId} (marker-${category})`,
        ...extra,
      })
    )[0];
  const svbTopic = () => readTopic(kafka, `${prefix}SVB`);

  beforeAll(async () => {
    await broker.start();
    kafka = testKafka(broker.bootstrap);
    await scenario.start();
    await scenario.grant({
      agreementId: 'svb-enforcement-pub',
      agency: 'SVB',
      categories: ['CASE', 'INTERVENTION', 'INCOME'],
      purpose: 'Handhaving premieheffing',
      legalBasis: { text: 'Wet SUWI art. 54', reference: 'Wet SUWI art. 54' },
      validFrom: '2026-01-01T00:00:00+01:00',
      regionScope: 'VR17',
    });
    const last = await scenario.openActivation(ACTIVATION, {
      region: 'VR17',
      municipality: 'GM0599',
      joining: ['SVB'],
    });
    await scenario.fedTo('SVB', last);
    ids.before = await finding('f-income-before', 'INCOME', {
      amounts: [{ label: 'uurloon', euroCents: 650 }],
    });
    await scenario.fedTo('SVB', ids.before);
    await waitUntil(() => relayCaughtUp(scenario.database.dataSource), 60_000, 'the relay published');
  }, 300_000);

  afterAll(async () => {
    await deleteTopics(kafka, prefix).catch(() => undefined);
    await scenario.stop();
    await broker.dispose();
  }, 120_000);

  it('publishes what was fed before the revocation as the agreements in force at publish time allow', async () => {
    expect((await svbTopic()).map((m) => m.event.id)).toContain(ids.before);

    await broker.stop();
    ids.income = await finding('f-income-queued', 'INCOME', {
      subjects: [WORKER],
      amounts: [{ label: 'uurloon', euroCents: 700 }],
    });
    ids.fine = (
      await scenario.act('NLA', 'imposeIntervention', {
        activationId: ACTIVATION,
        interventionId: 'fine-queued',
        interventionType: 'FINE',
        description: 'Boete onderbetaling',
        amountEuroCents: 1_200_000,
      })
    )[0];
    ids.employer = await finding('f-employer-queued', 'EMPLOYER', { subjects: [WORKER] });
    // Fed to SVB (with INCOME and the fine visible) while Kafka is away.
    await scenario.fedTo('SVB', ids.employer);
    const fed: { event_id: string; carried: string[] }[] = await scenario.database.dataSource.query(
      `SELECT event_id, carried FROM rm_feed WHERE agency = 'SVB' AND event_id = ANY($1::uuid[])`,
      [[ids.income, ids.fine]],
    );
    expect(fed.map((row) => row.event_id).sort()).toEqual([ids.income, ids.fine].sort());
    expect(fed.find((row) => row.event_id === ids.income)!.carried).toContain('INCOME');

    await scenario.revoke('svb-enforcement-pub');
    await eventually(async () => {
      const { data } = await graphql<{ me: { agreementsInForce: { agreementId: string }[] } }>(
        scenario.url,
        `
          {
            me {
              agreementsInForce {
                agreementId
              }
            }
          }
        `,
        {},
        scenario.tokens.SVB,
      );
      return data!.me.agreementsInForce.every((agreement) => agreement.agreementId !== 'svb-enforcement-pub');
    }, 10_000);
    // The feeds' own copy of the agreements, by which every channel delivers, has the revocation too.
    await eventually(async () => {
      const [row] = await scenario.database.dataSource.query(
        `SELECT status FROM feed_agreements WHERE agreement_id = 'svb-enforcement-pub'`,
      );
      return row?.status === 'REVOKED';
    }, 10_000);

    await broker.start();
    await waitUntil(() => relayCaughtUp(scenario.database.dataSource), 120_000, 'the relay caught up');
    const messages = await svbTopic();
    const published = messages.map((m) => m.event.id);
    // An INCOME finding is an INCOME event and a fine an INTERVENTION event: neither goes out any more.
    expect(published).toContain(ids.employer);
    expect(published).not.toContain(ids.income);
    expect(published).not.toContain(ids.fine);
    const queued = messages.slice(messages.findIndex((m) => m.event.id === ids.before) + 1);
    expect(JSON.stringify(queued)).not.toContain('marker-INCOME');
    expect(JSON.stringify(queued)).not.toContain('Boete');

    // Kafka and GraphQL agree on what SVB is shown of the queued entries.
    const graphqlIds = (await scenario.feedOf('SVB')).map((entry) => entry.eventId);
    expect(graphqlIds).toContain(ids.employer);
    expect(graphqlIds).not.toContain(ids.income);
    expect(graphqlIds).not.toContain(ids.fine);
  }, 300_000);

  it("logs each Kafka delivery of personal data as a read by the agency's system", async () => {
    const lines: {
      user_id: string;
      role: string;
      operation: string;
      categories: string[];
      subject_ref: string;
    }[] = await scenario.database.dataSource.query(
      `SELECT a.user_id, a.role, l.operation, l.purpose, l.categories, l.subject_ref, l.trace_id
         FROM access_log l JOIN access_log_audit a ON a.id = l.audit_id
         WHERE l.agency = 'SVB' AND l.activation_id = $1 AND l.operation = 'kafka feed'`,
      [ACTIVATION],
    );
    // The employer finding named one person (PERSONAL, which the demo agreement grants SVB): one line, a
    // pseudonym, the agency's system as the actor; the withheld INCOME finding named the same person and is
    // not logged, since it was not published.
    expect(lines).toEqual([
      expect.objectContaining({
        user_id: 'agency-SVB',
        role: 'AGENCY_SYSTEM',
        purpose: 'CASE_COORDINATION',
        categories: ['PERSONAL'],
        subject_ref: expect.stringMatching(/^[0-9a-f]{64}$/),
        trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      }),
    ]);
  });
});
