import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  configuredEventStore,
  ERASED,
  EventStore,
  GapSafeSubscription,
  personalDataVault,
  PersonalDataVault,
} from '#events';
import { loadConfig } from '#platform';
import { AGENCY_FEEDS, FeedProjector, FeedRow, feedRowsInForce, feedTable } from '#read-models';
import { loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { catchUp as drive } from '../../support/catch-up.js';
import { erasePerson, plantedPerson, ScenarioActivation } from '../../support/erasure-scenario.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';

/**
 * feedRowsInForce and the keys an erasure deletes before the feed projector rewrites the rows, against the
 * real Postgres with the vault sealing: what it reads of the event store, and a row rewritten for one
 * erasure while a second one's keys are already gone. (The channels, end to end: erasure-window.spec.ts.)
 */
describe('feed rows in force while an erasure’s rows are not rewritten yet', () => {
  const database = new IsolatedDatabase();
  let db: DataSource;
  let store: EventStore;
  let vault: PersonalDataVault;
  let subscription: GapSafeSubscription;
  const catchUp = () => drive(subscription, (events, tx) => new FeedProjector(store).handle(events, tx));
  let activation: ScenarioActivation;
  const x = plantedPerson('First');
  const y = plantedPerson('Second');
  const erasureOfY = randomUUID();
  /** The event ids each readEvents call asked for. */
  const reads: string[][] = [];
  let counting: EventStore;

  const nlaRows = async (): Promise<FeedRow[]> =>
    (await feedTable.ofActivation(db.manager, activation.id)).filter((row) => row.agency === 'NLA');
  const signalOf = async () => {
    const rows = (await nlaRows()).filter((row) => row.event_type === 'signal.recorded');
    const [shown] = await feedRowsInForce(db.manager, counting, rows);
    return shown!.visible;
  };

  beforeAll(async () => {
    db = await database.create();
    const config = loadConfig(database.env);
    store = configuredEventStore(db, config);
    vault = personalDataVault(db, config);
    counting = Object.create(store) as EventStore;
    counting.readEvents = (ids, options) => {
      reads.push([...ids]);
      return store.readEvents(ids, options);
    };
    subscription = new GapSafeSubscription(db, store, {
      name: AGENCY_FEEDS.name,
      batchSize: 300,
      pollIntervalMs: 1000,
      databaseUrl: database.url,
    });
    await loadDemoAgreements(db);
    activation = new ScenarioActivation(store);
    await activation.open();
    await activation.join('GM0599');
    await activation.record('signal.recorded', {
      signalId: 's-xy',
      recordedBy: 'NLA',
      source: { kind: 'ANONYMOUS' },
      description: { text: 'Twee bewoners in een container', categories: ['CASE'] },
      subjects: [x, y],
    });
    await catchUp();
  });
  afterAll(() => database.drop());
  beforeEach(() => reads.splice(0));

  it('reads nothing of the event store for rows that show no sealed category', async () => {
    const rows = (await nlaRows()).filter((row) => row.event_type !== 'signal.recorded');
    expect(rows.length).toBeGreaterThan(0);
    const shown = await feedRowsInForce(db.manager, counting, rows);
    expect(shown).toHaveLength(rows.length);
    expect(reads).toEqual([]);
  });

  it('reads the events of the rows that do in one call, and delivers them as fed while no key is gone', async () => {
    const rows = await nlaRows();
    const shown = await feedRowsInForce(db.manager, counting, rows);
    expect(reads).toEqual([
      rows.filter((row) => row.event_type === 'signal.recorded').map((r) => r.event_id),
    ]);
    expect(shown.map(({ row }) => row.seq)).toEqual(rows.map((row) => row.seq));
    expect(JSON.stringify(shown)).toContain(x.name);
    expect(JSON.stringify(shown)).toContain(y.name);
  });

  it('shows the marker for a second person whose keys are gone, in a row already rewritten for the first', async () => {
    await erasePerson(store, vault, activation.id, x.bsn);
    await catchUp();
    // Rewritten for X: the row holds the marker, and Y in the clear.
    const [row] = (await nlaRows()).filter((r) => r.event_type === 'signal.recorded');
    expect(JSON.stringify(row!.payload)).not.toContain(x.name);
    expect(JSON.stringify(row!.payload)).toContain(y.name);

    // Y's keys go; personal-data.erased is not recorded for Y yet.
    await vault.subjectKeys.erase(vault.pseudonyms.ofBsn(y.bsn), erasureOfY);
    const inWindow = await signalOf();
    expect(inWindow.data).toMatchObject({
      subjects: [
        { name: ERASED, bsn: ERASED },
        { name: ERASED, bsn: ERASED },
      ],
    });
    expect(JSON.stringify(inWindow)).not.toContain(y.name);

    // And once the rewrite for Y happened, the row reads the same.
    await erasePerson(store, vault, activation.id, y.bsn, erasureOfY);
    await catchUp();
    expect(await signalOf()).toEqual(inWindow);
  });
});
