import { DataSource } from 'typeorm';
import { catalogueUpcasting, EventStore, GapSafeSubscription } from '#events';
import {
  AGENCY_FEEDS,
  FeedProjector,
  PROJECTIONS,
  READ_MODELS,
  ReadModelProjector,
  rebuildReadModels,
  upgradeProjections,
} from '#read-models';
import { AgreementClockService } from '../../../apps/worker/src/agreements/agreement-clock.service.js';
import { CommandExecutor } from '#events';
import { catchUp } from '../../support/catch-up.js';
import { PreviousReleaseDatabase } from '../../support/previous-release.js';
import { readModelSnapshot } from '../../support/read-model-snapshot.js';

/**
 * Deploying this release onto a database the previous release wrote (release 700359e: the demo and
 * commands reaching every event type) keeps it working: the migrations apply, nothing already delivered
 * changes, and the read models this release builds from those events are the ones the previous release
 * built, so every agency sees what it saw.
 */
/** What agencies were shown and delivered (the agreements table gains a column, so it is left out). */
const shown = async (db: DataSource) => {
  const { activations, timeline, feed } = await readModelSnapshot(db);
  return { activations, timeline, feed };
};

describe('upgrading a database written by release 700359e', () => {
  const database = new PreviousReleaseDatabase('700359e');
  let db: DataSource;
  let store: EventStore;
  let before: Awaited<ReturnType<typeof shown>>;

  beforeAll(async () => {
    db = await database.restore();
    before = await shown(db);
    store = new EventStore(db, catalogueUpcasting);
  }, 120_000);
  afterAll(() => database.drop());

  it('applies this release’s migrations and keeps what was delivered', async () => {
    const applied = await database.upgrade();
    expect(applied).toEqual([
      'FeedRegionAndRecordedAt1795400000010',
      'ProjectionVersions1795400000011',
      'AgreementTookEffect1795400000012',
      'RelayClustersAndDeadLetters1795400000140',
    ]);
    const after = await shown(db);
    expect(after).toEqual(before);
    // Feed rows carry their activation's region now, the old ones included.
    const [{ missing }] = await db.query(
      `SELECT count(*)::int AS missing FROM rm_feed WHERE region IS NULL OR recorded_at IS NULL`,
    );
    expect(missing).toBe(0);
    expect(before.feed.length).toBeGreaterThan(100);
  });

  it('starts the worker on it: projections current, agreement starts recorded, nothing re-fed', async () => {
    const upgrades = await upgradeProjections(db, PROJECTIONS);
    expect(upgrades.map((u) => u.action)).toEqual(['none', 'none']);
    const options = { batchSize: 500, pollIntervalMs: 1000, databaseUrl: database.url };
    await catchUp(new GapSafeSubscription(db, store, { name: READ_MODELS.name, ...options }), (events, tx) =>
      new ReadModelProjector(store).handle(events, tx),
    );
    await catchUp(new GapSafeSubscription(db, store, { name: AGENCY_FEEDS.name, ...options }), (events, tx) =>
      new FeedProjector(store).handle(events, tx),
    );
    await new AgreementClockService(db, new CommandExecutor(store), store).tick();
    const [{ pending }] = await db.query(
      `SELECT count(*)::int AS pending FROM rm_agreements
       WHERE status = 'GRANTED' AND valid_from <= now() AND took_effect_at IS NULL`,
    );
    expect(pending).toBe(0);
    expect(await shown(db)).toEqual(before);
  });

  it('rebuilds from the old events exactly the read models the previous release built', async () => {
    await rebuildReadModels(db, store, {
      batchSize: 500,
      databaseUrl: database.url,
      onProgress: () => undefined,
    });
    const rebuilt = await shown(db);
    expect(rebuilt.activations).toEqual(before.activations);
    expect(rebuilt.timeline).toEqual(before.timeline);
  });
});
