import { INestApplication } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  configuredEventStore,
  EventStore,
  GapSafeSubscription,
  personalDataVault,
  PersonalDataVault,
} from '#events';
import { loadConfig } from '#platform';
import { AGENCY_FEEDS, FeedProjector } from '#read-models';
import { loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { startApi } from '../../support/api-app.js';
import { catchUp } from '../../support/catch-up.js';
import {
  erasePerson,
  plantedPerson,
  PlantedPerson,
  ScenarioActivation,
} from '../../support/erasure-scenario.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { waitUntil } from '../../support/processes.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import { startWorker } from '../../support/worker-app.js';
import {
  deleteTopics,
  FeedMessage,
  graphqlFeedOf,
  readTopic,
  relayCaughtUp,
  testKafka,
  uniqueTopicPrefix,
} from './feed-topics.fixture.js';

const NOTICE = 'nl.keten.personal-data.erased.v1';

/**
 * The notice of an erasure on the feeds as agency systems read them (issue 19, AVG art. 19): the worker's
 * feed projector and relay against the real Postgres and broker, the api's GraphQL feed. What was
 * published before the erasure cannot be recalled; everything after it holds no plaintext of the person.
 */
describe('erasure notices on Kafka and the GraphQL feed', () => {
  const database = new IsolatedDatabase();
  const prefix = uniqueTopicPrefix();
  let db: DataSource;
  let store: EventStore;
  let vault: PersonalDataVault;
  let worker: INestApplication;
  let api: INestApplication;
  let apiUrl: string;
  let kafka: Kafka;
  let x: PlantedPerson;
  let w: PlantedPerson;
  let subjectRef: string;
  const publishedBefore = new Map<string, Set<string>>();
  const topics = ['NLA', 'GM0599', 'VR17', 'UWV', 'BD'];

  beforeAll(async () => {
    db = await database.create();
    const config = loadConfig(database.env);
    store = configuredEventStore(db, config);
    vault = personalDataVault(db, config);
    kafka = testKafka(TEST_KAFKA_BROKERS);
    await loadDemoAgreements(db);

    // Fed while the relay was away (the feed projector went on), erased before it came back: the relay
    // must never send W in the clear.
    w = plantedPerson('Unsent');
    const unsent = new ScenarioActivation(store);
    await unsent.open();
    await unsent.join('UWV');
    await unsent.signal('s-w', w);
    const feeds = new GapSafeSubscription(db, store, {
      name: AGENCY_FEEDS.name,
      batchSize: 1000,
      pollIntervalMs: 1000,
      databaseUrl: database.url,
    });
    const projector = new FeedProjector(store);
    await catchUp(feeds, (events, tx) => projector.handle(events, tx));
    await erasePerson(store, vault, unsent.id, w.bsn);
    await catchUp(feeds, (events, tx) => projector.handle(events, tx));

    worker = await startWorker({ ...database.env, FEED_TOPIC_PREFIX: prefix });
    ({ app: api, url: apiUrl } = await startApi(database.env));

    x = plantedPerson('Erased');
    const activation = new ScenarioActivation(store);
    await activation.open();
    for (const agency of ['GM0599', 'UWV', 'BD']) await activation.join(agency);
    await activation.signal('s-x', x);
    await activation.leave('UWV');
    await activation.leave('BD');
    await waitUntil(() => relayCaughtUp(db), 60_000, 'the relay published the activation');
    for (const agency of topics) {
      const ids = (await readTopic(kafka, prefix + agency)).map((m) => m.event.id);
      publishedBefore.set(agency, new Set(ids));
    }

    subjectRef = await erasePerson(store, vault, activation.id, x.bsn);
    await waitUntil(() => relayCaughtUp(db), 60_000, 'the relay published the notices');
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await deleteTopics(kafka, prefix);
    await database.drop();
  });

  /** What the agency's topic got after X's activation was published, but for copies of earlier messages. */
  const publishedAfter = async (agency: string): Promise<FeedMessage[]> =>
    (await readTopic(kafka, prefix + agency)).filter((m) => !publishedBefore.get(agency)!.has(m.event.id));

  it('entries fed before an erasure and published after it go out rewritten, with the notice after them', async () => {
    for (const agency of ['NLA', 'UWV']) {
      const messages = await readTopic(kafka, prefix + agency);
      const text = JSON.stringify(messages);
      expect(text).toContain('s-w');
      expect(text).not.toContain(w.bsn);
      expect(text).not.toContain(w.name);
    }
  });

  it('before the erasure, the agencies with PERSONAL were sent X in the clear (it cannot be recalled)', async () => {
    expect(JSON.stringify(await readTopic(kafka, prefix + 'UWV'))).toContain(x.bsn);
  });

  it.each(['NLA', 'GM0599', 'UWV'])(
    '%s is sent the notice with the pseudonym, and nothing sent after the erasure names X',
    async (agency) => {
      const after = await publishedAfter(agency);
      expect(after.map((m) => m.event.type)).toEqual([NOTICE]);
      expect(after[0]!.event.data).toMatchObject({ cause: 'ERASURE', scope: 'PERSON', subjectRef });
      expect(after[0]!.event.ketencategories).toBe('CASE,PERSONAL');
      expect(JSON.stringify(after)).not.toContain(x.bsn);
      expect(JSON.stringify(after)).not.toContain(x.name);
    },
  );

  it('the coordinator without PERSONAL is sent the notice without the pseudonym; BD, which never saw X, nothing', async () => {
    const [notice] = await publishedAfter('VR17');
    expect(notice!.event.type).toBe(NOTICE);
    expect(notice!.event.data).toMatchObject({ scope: 'PERSON', subjectRef: null });
    expect(notice!.event.ketenwithheld).toBe('PERSONAL');
    expect(await publishedAfter('BD')).toEqual([]);
  });

  it('the GraphQL feed has the notice and, rewritten, no longer names X anywhere', async () => {
    for (const agency of ['NLA', 'UWV']) {
      const feed = await graphqlFeedOf(apiUrl, agency);
      expect(feed.at(-1)).toMatchObject({ type: 'personal-data.erased', payload: { subjectRef } });
      expect(JSON.stringify(feed)).not.toContain(x.bsn);
      expect(JSON.stringify(feed)).not.toContain(x.name);
      const signal = feed.find((entry) => entry.type === 'signal.recorded')!;
      expect(signal.payload.subjects).toEqual([expect.objectContaining({ bsn: { $erased: true } })]);
    }
    expect((await graphqlFeedOf(apiUrl, 'BD')).map((entry) => entry.type)).not.toContain(
      'personal-data.erased',
    );
  });
});
