import { graphql } from '../../support/graphql-client.js';
import { eventually, FEED_ENTRY_FIELDS, FeedEntry, FeedsScenario, SocketClient } from './feeds.fixture.js';

const ACTIVATION = 'feed-revocation';
const FEED = `subscription { feed { ${FEED_ENTRY_FIELDS} } }`;
const WORKER = { subjectId: 'p-rev-1', name: 'Anna Nowak', bsn: '123456782', nationality: 'PL' };

/**
 * Revocation on a live feed. SVB has the demo agreement (CASE, EMPLOYER, PERSONAL, BENEFITS) and one of
 * its own for Rotterdam-Rijnmond (CASE, INTERVENTION, INCOME); the second is revoked while SVB's feed
 * subscription is open.
 */
describe('a revoked agreement on an open feed subscription', () => {
  const scenario = new FeedsScenario();
  const clients: SocketClient[] = [];
  const before: Record<string, string> = {};

  const subscribe = async () => {
    const client = SocketClient.forToken(scenario.url, scenario.tokens.SVB);
    clients.push(client);
    const subscription = client.subscribe<FeedEntry>(FEED);
    // Each client holds one of SVB's live feeds, and those of earlier tests stay open.
    await scenario.liveFeeds('SVB', clients.length);
    return subscription;
  };
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
  const fine = async (interventionId: string) =>
    (
      await scenario.act('NLA', 'imposeIntervention', {
        activationId: ACTIVATION,
        interventionId,
        interventionType: 'FINE',
        description: 'Boete onderbetaling',
        amountEuroCents: 1_200_000,
      })
    )[0];

  beforeAll(async () => {
    await scenario.start();
    await scenario.grant({
      agreementId: 'svb-enforcement',
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
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await scenario.stop();
  });

  it('delivers without the revoked category from the next event on, and no event of a revoked primary category', async () => {
    const feed = await subscribe();
    before.income = await finding('f-income-1', 'INCOME', {
      subjects: [WORKER],
      amounts: [{ label: 'uurloon', euroCents: 650 }],
    });
    before.fine = await fine('fine-1');
    const income = await feed.next((e) => e.eventId === before.income);
    expect(income.payload).toMatchObject({
      description: { text: 'f-income-1 (marker-INCOME)' },
      amounts: [{ label: 'uurloon', euroCents: 650 }],
      subjects: [expect.objectContaining({ bsn: WORKER.bsn })],
    });
    expect(income.categories).toEqual(expect.arrayContaining(['INCOME', 'PERSONAL']));
    await feed.next((e) => e.eventId === before.fine);

    await scenario.revoke('svb-enforcement');
    const after = {
      income: await finding('f-income-2', 'INCOME', { amounts: [{ label: 'uurloon', euroCents: 700 }] }),
      fine: await fine('fine-2'),
      employer: await finding('f-employer-3', 'EMPLOYER'),
    };
    await feed.next((e) => e.eventId === after.employer);
    const delivered = feed.received.slice(feed.received.findIndex((e) => e.eventId === before.fine) + 1);
    // An INCOME finding is an INCOME event: without INCOME, SVB does not learn of it at all.
    expect(delivered.map((e) => e.eventId)).toEqual([after.employer]);
    expect(JSON.stringify(delivered)).not.toContain('marker-INCOME');
    expect(feed.errors).toEqual([]);
  });

  it('redacts again at delivery what was fed before the revocation but delivered after it', async () => {
    // The agreement is gone from SVB's view of its agreements (the read side's rm_agreements).
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
      return data!.me.agreementsInForce.every((agreement) => agreement.agreementId !== 'svb-enforcement');
    }, 5000);
    const feed = await subscribe();
    // Rows exactly as the worker fed them before the revocation (INCOME visible, the fine there), appended
    // again under new event ids: what a subscriber still behind at the revocation would be delivered next.
    const copies: { event_id: string; event_type: string }[] = await scenario.database.dataSource.query(
      `INSERT INTO rm_feed (agency, agency_seq, event_id, activation_id, stream_version, event_type, schema_version,
         occurred_at, acting_agency, payload, withheld, carried)
       SELECT agency, (SELECT max(agency_seq) FROM rm_feed WHERE agency = 'SVB') + row_number() OVER (ORDER BY feed_seq),
              gen_random_uuid(), activation_id, stream_version, event_type, schema_version, occurred_at,
              acting_agency, payload, withheld, carried
       FROM rm_feed WHERE agency = 'SVB' AND event_id = ANY($1::uuid[]) ORDER BY feed_seq
       RETURNING event_id, event_type`,
      [[before.income, before.fine]],
    );
    expect(copies.map((row) => row.event_type).sort()).toEqual(['finding.recorded', 'intervention.imposed']);
    const marker = await finding('f-employer-4', 'EMPLOYER');
    await feed.next((e) => e.eventId === marker);
    const income = copies.find((row) => row.event_type === 'finding.recorded')!.event_id;
    const fined = copies.find((row) => row.event_type === 'intervention.imposed')!.event_id;
    // Fed with INCOME and the fine visible; delivered after the revocation: neither the INCOME finding (an
    // INCOME event) nor the fine (an INTERVENTION event) goes out.
    expect(feed.received.map((e) => e.eventId)).toEqual([marker]);
    expect(JSON.stringify(feed.received)).not.toContain('marker-INCOME');

    // The feed query answers the same, through the same read.
    const rows = await scenario.feedOf('SVB');
    expect(rows.some((e) => e.eventId === income || e.eventId === fined)).toBe(false);
    expect(rows.find((e) => e.eventId === marker)).toEqual(feed.received[0]);
  });

  it('logs deliveries of personal data in the access log, one line per person', async () => {
    const lines: { operation: string; categories: string[]; subject_ref: string; role: string }[] =
      await scenario.database.dataSource.query(
        `SELECT l.operation, l.categories, l.subject_ref, a.role FROM access_log l JOIN access_log_audit a ON a.id = l.audit_id
         WHERE a.user_id = 'insp@svb' AND l.activation_id = $1 AND l.operation = 'feed subscription'`,
        [ACTIVATION],
      );
    // f-income-1 named one person, with INCOME then granted: one line, a pseudonym, not the person's id.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ categories: ['PERSONAL'], role: 'INSPECTOR' });
    expect(lines[0].subject_ref).toMatch(/^[0-9a-f]{64}$/);
  });
});
