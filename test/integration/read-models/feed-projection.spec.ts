import { DataSource } from 'typeorm';
import { Actor, Role } from '#domain';
import {
  agreementStreams,
  catalogueUpcasting,
  CommandExecutor,
  EventStore,
  GapSafeSubscription,
} from '#events';
import { AGENCY_FEEDS, FeedProjector, rebuildReadModels } from '#read-models';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { catchUp as drive } from '../../support/catch-up.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';

interface FeedRow {
  feed_seq: string;
  agency_seq: string;
  agency: string;
  event_id: string;
  activation_id: string;
  stream_version: number;
  event_type: string;
  payload: Record<string, unknown>;
}

describe('agency feeds', () => {
  const database = new IsolatedDatabase();
  let db: DataSource;
  let store: EventStore;
  let subscription: GapSafeSubscription;
  const catchUp = () => drive(subscription, (events, tx) => new FeedProjector(store).handle(events, tx));
  const feedOf = (agency: string): Promise<FeedRow[]> =>
    db.query(`SELECT * FROM rm_feed WHERE agency = $1 ORDER BY feed_seq`, [agency]);

  beforeAll(async () => {
    db = await database.create();
    store = new EventStore(db, catalogueUpcasting);
    subscription = new GapSafeSubscription(db, store, {
      name: AGENCY_FEEDS.name,
      batchSize: 300,
      pollIntervalMs: 1000,
      databaseUrl: database.url,
    });
    await loadDemoAgreements(db);
    await bulkLoad(db, generateActivations(80, 5, 'feed'));
    await catchUp();
  });
  afterAll(() => database.drop());

  it('feeds each entitled agency every event once, in each activation’s order, redacted by its agreements', async () => {
    const nla = await feedOf('NLA');
    expect(nla.length).toBeGreaterThan(100);
    expect(new Set(nla.map((r) => r.event_id)).size).toBe(nla.length);
    const versions = new Map<string, number>();
    for (const row of nla) {
      expect(row.stream_version).toBeGreaterThan(versions.get(row.activation_id) ?? 0);
      versions.set(row.activation_id, row.stream_version);
    }
    // A health finding is a HEALTH event: NLA, without HEALTH, is not fed it at all.
    const findings = nla.filter((r) => r.event_type === 'finding.recorded');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((r) => r.payload.category === 'HEALTH')).toEqual([]);
    // Numbered 1, 2, 3, … in NLA's own feed: no gap shows what others were fed.
    expect(nla.map((r) => Number(r.agency_seq))).toEqual(nla.map((_, i) => i + 1));
    // SVB has no INTERVENTION: such events do not exist in its feed.
    expect((await feedOf('SVB')).filter((r) => r.event_type === 'intervention.imposed')).toEqual([]);
  });

  it('never takes back what it fed: a revocation stops new events, a read-model rebuild changes nothing', async () => {
    const before = await feedOf('UWV');
    const admin = { userId: 'beleid@nla', agency: 'NLA', role: Role.POLICY_ADMIN } as Actor;
    await new CommandExecutor(store).execute(
      agreementStreams,
      {
        type: 'RevokeAgreement',
        agreementId: 'demo-uwv',
        reason: 'test',
      },
      { actor: admin, eventActor: admin, now: new Date().toISOString() },
    );
    await bulkLoad(db, generateActivations(30, 6, 'feed-after'));
    await catchUp();
    expect(await feedOf('UWV')).toEqual(before);
    expect((await feedOf('NLA')).some((r) => r.activation_id.startsWith('feed-after'))).toBe(true);

    const all = await db.query(`SELECT feed_seq, agency, event_id FROM rm_feed ORDER BY feed_seq`);
    await rebuildReadModels(db, store, {
      batchSize: 1000,
      databaseUrl: database.url,
      onProgress: () => undefined,
    });
    expect(await db.query(`SELECT feed_seq, agency, event_id FROM rm_feed ORDER BY feed_seq`)).toEqual(all);
  });
});
