import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { configuredEventStore, ERASED, EventStore, personalDataVault, PersonalDataVault } from '#events';
import { loadConfig } from '#platform';
import { relayEntries, type RelayBatch } from '../../../apps/worker/src/relay/relay-entries.js';
import { erasePerson, feedSideText } from '../../support/erasure-scenario.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import { deleteTopics, testKafka, uniqueTopicPrefix } from '../../integration/relay/feed-topics.fixture.js';
import { eventually, FeedEntry, FeedsScenario } from '../feeds/feeds.fixture.js';

/** A valid BSN of this run's own (the eleven-test), so that no other test's data can contain it. */
function freshBsn(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
    const sum = digits.reduce((total, digit, i) => total + digit * (9 - i), 0);
    const last = sum % 11;
    if (last < 10 && digits[0] !== 0) return [...digits, last].join('');
  }
}

/**
 * The window of an erasure (issue 19): the eraser deletes a person's keys first and records
 * `personal-data.erased` after, and the feed projector rewrites the feed rows only when it projects that
 * event. In between (seconds; longer when the worker crashes or lags there) the rows of rm_feed still hold
 * the person in the clear. Every channel that delivers them (the GraphQL feed, its subscriptions, the Kafka
 * relay) goes through one rule, feedRowsInForce, which must deliver them as they will read once
 * rewritten: the marker where the row showed the person, the same withheld list, the same places, so a
 * reader cannot tell "key deleted" from "rewritten".
 *
 * Here the keys are deleted exactly as the eraser deletes them, and the event is not recorded until the
 * last test: the window stays open for as long as the tests look.
 */
describe('the feeds between the deletion of an erased person’s keys and the rewrite of their rows', () => {
  const prefix = uniqueTopicPrefix();
  const scenario = new FeedsScenario({ FEED_TOPIC_PREFIX: prefix });
  let kafka: Kafka;
  let store: EventStore;
  let vault: PersonalDataVault;
  const run = randomUUID().slice(0, 8);
  const X = { bsn: freshBsn(), name: `Xander Window${run}`, health: `koorts-${run}` };
  const Y = { bsn: freshBsn(), name: `Yara Stays${run}` };
  const A = `erasure-window-${run}`;
  const planted = [X.bsn, X.name, X.health];
  // NLA, GM0599 and UWV hold PERSONAL; VR17 (the region's coordinator) holds HEALTH but not PERSONAL; BD neither.
  const AGENCIES = ['NLA', 'GM0599', 'UWV', 'BD', 'VR17'];
  const erasureId = randomUUID();
  const before = new Map<string, FeedEntry[]>();
  const inWindow = new Map<string, FeedEntry[]>();
  let relayedInWindow: RelayBatch;

  const feedSeqsOf = async (activationId: string): Promise<string[]> =>
    (
      await scenario.database.dataSource.query(
        `SELECT feed_seq::text AS seq FROM rm_feed WHERE activation_id = $1 ORDER BY feed_seq`,
        [activationId],
      )
    ).map((row: { seq: string }) => row.seq);
  /** The rows of the activation as the relay would publish them now. */
  const relayed = async (): Promise<RelayBatch> =>
    relayEntries.at(
      scenario.database.dataSource.manager,
      store,
      await feedSeqsOf(A),
      loadConfig(scenario.database.env).feedRelay.activityOf,
    );
  const ofActivation = (entries: FeedEntry[]) => entries.filter((entry) => entry.activationId === A);
  const found = (answer: unknown) => planted.filter((value) => JSON.stringify(answer).includes(value));

  beforeAll(async () => {
    kafka = testKafka(TEST_KAFKA_BROKERS);
    await scenario.start();
    const config = loadConfig(scenario.database.env);
    store = configuredEventStore(scenario.database.dataSource, config);
    vault = personalDataVault(scenario.database.dataSource, config);
    await scenario.openActivation(A, {
      region: 'VR17',
      municipality: 'GM0599',
      joining: ['GM0599', 'UWV', 'BD'],
    });
    const [signalEvent] = await scenario.act('NLA', 'recordSignal', {
      activationId: A,
      signalId: 's-1',
      source: { kind: 'EXTERNAL', name: 'FNV Bouw' },
      description: `${X.name} en ${Y.name} slapen in een loods.`,
      descriptionCategories: ['PERSONAL', 'LOCATION'],
      subjects: [
        { subjectId: 'x', name: X.name, bsn: X.bsn, nationality: 'PL' },
        { subjectId: 'y', name: Y.name, bsn: Y.bsn, nationality: 'RO' },
      ],
    });
    const [findingEvent] = await scenario.act('NLA', 'recordFinding', {
      activationId: A,
      findingId: 'f-health',
      category: 'HEALTH',
      description: `Klachten: ${X.health}.`,
      descriptionCategories: ['HEALTH'],
      subjects: [{ subjectId: 'x', name: X.name, bsn: X.bsn }],
      confirmedInfection: true,
    });
    // The finding's primary category is HEALTH: of these agencies only VR17 holds it.
    for (const agency of AGENCIES) await scenario.fedTo(agency, signalEvent!, 20_000);
    await scenario.fedTo('VR17', findingEvent!, 20_000);
    for (const agency of AGENCIES) before.set(agency, ofActivation(await scenario.feedOf(agency)));
    // The plant took: the agencies holding PERSONAL were fed X, VR17 X's health in the finding's text.
    for (const agency of ['NLA', 'GM0599', 'UWV']) expect(found(before.get(agency))).toContain(X.name);
    expect(found(before.get('VR17'))).toEqual([X.health]);

    // The eraser's first step, and nothing after it: the keys go, personal-data.erased is not recorded.
    await vault.subjectKeys.erase(vault.pseudonyms.ofBsn(X.bsn), erasureId);
    for (const agency of AGENCIES) inWindow.set(agency, ofActivation(await scenario.feedOf(agency)));
    relayedInWindow = await relayed();
  }, 240_000);

  afterAll(async () => {
    await scenario.stop();
    await deleteTopics(kafka, prefix);
  });

  it('is a real window: the feed ledger still holds the person in the clear', async () => {
    expect(found(await feedSideText(scenario.database.dataSource))).toEqual(expect.arrayContaining(planted));
  });

  it('serves none of the person on the GraphQL feed, the marker where a row showed them, in the same places', () => {
    for (const agency of AGENCIES) {
      const entries = inWindow.get(agency)!;
      expect({ agency, found: found(entries) }).toEqual({ agency, found: [] });
      // No entry is dropped, added or moved: the same ids at the same sequences.
      const places = (list: FeedEntry[]) =>
        list.map(({ eventId, sequence, type }) => ({ eventId, sequence, type }));
      expect({ agency, places: places(entries) }).toEqual({ agency, places: places(before.get(agency)!) });
    }
    const signal = inWindow.get('NLA')!.find((entry) => entry.type === 'signal.recorded')!;
    expect(signal.payload).toMatchObject({
      subjects: [
        { subjectId: ERASED, name: ERASED, bsn: ERASED },
        { name: Y.name, bsn: Y.bsn },
      ],
      description: { text: ERASED },
    });
    // What was withheld stays withheld (null, never the marker): VR17 and BD lack PERSONAL.
    for (const agency of ['VR17', 'BD']) {
      const withheld = inWindow.get(agency)!.find((entry) => entry.type === 'signal.recorded')!;
      expect(withheld.withheld).toContain('PERSONAL');
      expect(withheld.payload.subjects).toBeNull();
    }
    const finding = inWindow.get('VR17')!.find((entry) => entry.type === 'finding.recorded')!;
    expect(finding.payload.description).toMatchObject({ text: ERASED });
  });

  it('gives the Kafka relay none of the person, and withholds no entry it would have published', async () => {
    expect(found(relayedInWindow.entries)).toEqual([]);
    expect(relayedInWindow.withheld).toEqual([]);
    expect(relayedInWindow.entries).toHaveLength((await feedSeqsOf(A)).length);
    const signal = relayedInWindow.entries.find((e) => e.agency === 'NLA' && e.type === 'signal.recorded')!;
    expect(signal.payload).toMatchObject({ subjects: [{ name: ERASED, bsn: ERASED }, { name: Y.name }] });
  });

  it('answers in the window exactly what the rows answer once the feed projector rewrote them', async () => {
    // The eraser's second step (deleting the keys again deletes nothing more); the worker rewrites the rows.
    await erasePerson(store, vault, A, X.bsn, erasureId);
    await eventually(
      async () => found(await feedSideText(scenario.database.dataSource)).length === 0,
      30_000,
    );
    for (const agency of AGENCIES) {
      const window = inWindow.get(agency)!;
      const ids = new Set(window.map((entry) => entry.eventId));
      const rewritten = ofActivation(await scenario.feedOf(agency)).filter((entry) => ids.has(entry.eventId));
      expect({ agency, entries: window }).toEqual({ agency, entries: rewritten });
    }
    const after = await relayed();
    const same = new Set(relayedInWindow.entries.map((entry) => entry.feedSeq));
    expect(relayedInWindow.entries).toEqual(after.entries.filter((entry) => same.has(entry.feedSeq)));
  }, 60_000);
});
