import { DataSource } from 'typeorm';
import { catalogueUpcasting, EventStore, GapSafeSubscription } from '#events';
import {
  AGENCY_FEEDS,
  FeedProjector,
  READ_MODELS,
  ReadModelProjector,
  upgradeProjections,
} from '#read-models';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { catchUp } from '../../support/catch-up.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';

const count = async (db: DataSource, table: string) =>
  (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
const versionOf = async (db: DataSource, name: string) =>
  (await db.query(`SELECT version FROM projection_versions WHERE name = $1`, [name]))[0]?.version as
    number | undefined;
const checkpointOf = async (db: DataSource, name: string) =>
  (
    await db.query(`SELECT position::int AS p FROM subscription_checkpoints WHERE subscription = $1`, [name])
  )[0]?.p as number;

/**
 * A projection knows its version: a new version of a rebuilt projection empties its tables and starts
 * over from the first event, without a hand-written migration; a projection that keeps what it delivered
 * only records its new version. Nothing happens for the version already there.
 */
describe('projection versions', () => {
  const database = new IsolatedDatabase();
  let db: DataSource;
  let store: EventStore;
  const subscription = (name: string) =>
    new GapSafeSubscription(db, store, {
      name,
      batchSize: 500,
      pollIntervalMs: 1000,
      databaseUrl: database.url,
    });
  const project = async () => {
    await catchUp(subscription(READ_MODELS.name), (events, tx) =>
      new ReadModelProjector(store).handle(events, tx),
    );
    await catchUp(subscription(AGENCY_FEEDS.name), (events, tx) =>
      new FeedProjector(store).handle(events, tx),
    );
  };

  beforeAll(async () => {
    db = await database.create();
    store = new EventStore(db, catalogueUpcasting);
    await loadDemoAgreements(db);
    await bulkLoad(db, generateActivations(40, 11, 'versions'));
    // As the worker starts: projections brought to this code's versions first (a new database holds
    // version 1 of each, from its migration), then projected.
    await upgradeProjections(db, [READ_MODELS, AGENCY_FEEDS]);
    await project();
  }, 120_000);
  afterAll(() => database.drop());

  it('is at the version of this code, and an upgrade to the same version does nothing', async () => {
    expect(await versionOf(db, READ_MODELS.name)).toBe(READ_MODELS.version);
    expect(await versionOf(db, AGENCY_FEEDS.name)).toBe(AGENCY_FEEDS.version);
    const timeline = await count(db, 'rm_timeline');
    const upgrades = await upgradeProjections(db, [READ_MODELS, AGENCY_FEEDS]);
    expect(upgrades.map((u) => u.action)).toEqual(['none', 'none']);
    expect(await count(db, 'rm_timeline')).toBe(timeline);
  });

  it('rebuilds a read model of another version from the first event, and keeps the feeds as delivered', async () => {
    const before = {
      timeline: await db.query(`SELECT * FROM rm_timeline ORDER BY agency, activation_id, stream_version`),
      activations: await count(db, 'rm_activations'),
      feed: await count(db, 'rm_feed'),
    };
    expect(before.timeline.length).toBeGreaterThan(0);
    const log: string[] = [];
    const next = { readModels: READ_MODELS.version + 1, feeds: AGENCY_FEEDS.version + 1 };
    const upgrades = await upgradeProjections(
      db,
      [
        { ...READ_MODELS, version: next.readModels },
        { ...AGENCY_FEEDS, version: next.feeds },
      ],
      (line) => log.push(line),
    );
    expect(upgrades).toEqual([
      { name: READ_MODELS.name, from: READ_MODELS.version, to: next.readModels, action: 'rebuilding' },
      { name: AGENCY_FEEDS.name, from: AGENCY_FEEDS.version, to: next.feeds, action: 'recorded' },
    ]);
    expect(log.join('\n')).toMatch(
      new RegExp(`rebuilding it as version ${next.readModels} from the first event`),
    );
    // Emptied and back to the start; the feeds untouched.
    for (const table of READ_MODELS.tables) expect(await count(db, table)).toBe(0);
    expect(await checkpointOf(db, READ_MODELS.name)).toBe(0);
    expect(await count(db, 'rm_feed')).toBe(before.feed);
    expect(await versionOf(db, READ_MODELS.name)).toBe(next.readModels);
    expect(await versionOf(db, AGENCY_FEEDS.name)).toBe(next.feeds);

    await project();
    expect(
      await db.query(`SELECT * FROM rm_timeline ORDER BY agency, activation_id, stream_version`),
    ).toEqual(before.timeline);
    expect(await count(db, 'rm_activations')).toBe(before.activations);
    expect(await count(db, 'rm_feed')).toBe(before.feed);
  });
});
