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
import { AGENCY_FEEDS, FeedProjector } from '#read-models';
import { loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { catchUp as drive } from '../../support/catch-up.js';
import {
  eraseActivation,
  erasePerson,
  feedSideText,
  plantedPerson,
  PlantedPerson,
  ScenarioActivation,
} from '../../support/erasure-scenario.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';

interface LedgerRow {
  feed_seq: string;
  agency_seq: string;
  agency: string;
  event_id: string;
  activation_id: string;
  stream_version: number;
  event_type: string;
  region: string;
  withheld: string[];
  carried: string[];
  occurred_at: Date;
  recorded_at: Date;
  fed_at: Date;
  payload: Record<string, unknown>;
}

/**
 * The feed ledger after an erasure (issue 19, AVG art. 17 and 19), against the real Postgres with the
 * vault sealing: the rows keep their places and lose the erased values; every agency that received the
 * person's data is told, the agencies that never did are not; corrections reach former recipients too.
 *
 * Demo agreements: NLA and GM0599 hold PERSONAL, VR17 (the region's coordinator) and BD do not, UWV does.
 * The activation: NLA leads, GM0599, UWV and BD join, a signal names X, then UWV and BD leave. SVB holds
 * PERSONAL but never takes part.
 */
describe('the feeds when a person is erased', () => {
  const database = new IsolatedDatabase();
  let db: DataSource;
  let store: EventStore;
  let vault: PersonalDataVault;
  let subscription: GapSafeSubscription;
  const catchUp = () => drive(subscription, (events, tx) => new FeedProjector(store).handle(events, tx));
  const ledger = (activationId: string): Promise<LedgerRow[]> =>
    db.query(`SELECT * FROM rm_feed WHERE activation_id = $1 ORDER BY feed_seq`, [activationId]);
  const rowOf = (rows: LedgerRow[], agency: string, type: string) =>
    rows.find((row) => row.agency === agency && row.event_type === type);

  let activation: ScenarioActivation;
  let x: PlantedPerson;
  let before: LedgerRow[];
  let subjectRef: string;

  beforeAll(async () => {
    db = await database.create();
    const config = loadConfig(database.env);
    store = configuredEventStore(db, config);
    vault = personalDataVault(db, config);
    subscription = new GapSafeSubscription(db, store, {
      name: AGENCY_FEEDS.name,
      batchSize: 300,
      pollIntervalMs: 1000,
      databaseUrl: database.url,
    });
    await loadDemoAgreements(db);

    x = plantedPerson('Erased');
    activation = new ScenarioActivation(store);
    await activation.open();
    for (const agency of ['GM0599', 'UWV', 'BD']) await activation.join(agency);
    await activation.signal('s-x', x);
    await activation.leave('UWV');
    await activation.leave('BD');
    await catchUp();
    before = await ledger(activation.id);

    subjectRef = await erasePerson(store, vault, activation.id, x.bsn);
    await catchUp();
  });
  afterAll(() => database.drop());

  it('given feed rows naming X, when X is erased, then no table of the feed side holds X’s BSN or name', async () => {
    // The plant took: before the erasure the agencies with PERSONAL were fed X in the clear.
    expect(JSON.stringify(before)).toContain(x.bsn);
    expect(JSON.stringify(before)).toContain(x.name);
    const rows = (await feedSideText(db)).split('\n');
    expect(rows.filter((row) => row.includes(x.bsn))).toEqual([]);
    expect(rows.filter((row) => row.includes(x.name))).toEqual([]);
  });

  it('keeps every row where it was: ids, positions, sequences, categories and times unchanged', async () => {
    const after = await ledger(activation.id);
    const place = ({ payload: _payload, ...rest }: LedgerRow) => rest;
    expect(after.slice(0, before.length).map(place)).toEqual(before.map(place));
    // NLA's signal shows the marker where it showed X.
    const nla = rowOf(after, 'NLA', 'signal.recorded')!.payload;
    expect(nla.subjects).toEqual([expect.objectContaining({ bsn: ERASED, name: ERASED })]);
    expect(nla.description).toMatchObject({ text: ERASED });
    expect(nla.signalId).toBe('s-x');
  });

  it('keeps withheld what was withheld: a row without PERSONAL does not now show the marker', async () => {
    const after = await ledger(activation.id);
    for (const agency of ['VR17', 'BD']) {
      const was = rowOf(before, agency, 'signal.recorded')!;
      const now = rowOf(after, agency, 'signal.recorded')!;
      expect(was.withheld).toContain('PERSONAL');
      expect(now.payload).toEqual(was.payload);
      expect(JSON.stringify(now.payload)).not.toContain('$erased');
    }
  });

  it('tells every agency entitled to the activation, with the pseudonym only under PERSONAL', async () => {
    const after = await ledger(activation.id);
    for (const agency of ['NLA', 'GM0599']) {
      expect(rowOf(after, agency, 'personal-data.erased')?.payload).toMatchObject({
        cause: 'ERASURE',
        scope: 'PERSON',
        subjectRef,
      });
    }
    const coordinator = rowOf(after, 'VR17', 'personal-data.erased')!;
    expect(coordinator.payload).toMatchObject({ scope: 'PERSON', subjectRef: null });
    expect(coordinator.withheld).toEqual(['PERSONAL']);
  });

  it('tells a former recipient that received X (UWV left after the signal), and no agency that never did', async () => {
    const after = await ledger(activation.id);
    const uwv = rowOf(after, 'UWV', 'personal-data.erased')!;
    expect(uwv.payload).toMatchObject({ scope: 'PERSON', subjectRef });
    // Its notice comes after everything it had, in its own sequence, and it is the only thing it gets.
    const uwvRows = after.filter((row) => row.agency === 'UWV');
    expect(uwvRows.at(-1)).toBe(uwv);
    expect(Number(uwv.agency_seq)).toBe(Number(uwvRows.at(-2)!.agency_seq) + 1);
    // BD left too, but without PERSONAL it never saw X; SVB was never in the case.
    expect(rowOf(after, 'BD', 'personal-data.erased')).toBeUndefined();
    expect(after.filter((row) => row.agency === 'SVB')).toEqual([]);
  });

  it('refuses any other change to the feed: an UPDATE outside the rewrite, a position, a DELETE', async () => {
    const rows = await ledger(activation.id);
    const row = rows[0];
    await expect(
      db.query(`UPDATE rm_feed SET payload = '{}' WHERE feed_seq = $1`, [row!.feed_seq]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`SELECT set_config('keten.feed_rewrite', 'erasure', true)`);
        await tx.query(`UPDATE rm_feed SET agency_seq = agency_seq + 1000 WHERE feed_seq = $1`, [
          row!.feed_seq,
        ]);
      }),
    ).rejects.toThrow(/only a row's payload/);
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`SELECT set_config('keten.feed_rewrite', 'erasure', true)`);
        await tx.query(`DELETE FROM rm_feed WHERE feed_seq = $1`, [row!.feed_seq]);
      }),
    ).rejects.toThrow(/append-only/);
    expect(await ledger(activation.id)).toEqual(rows);
  });

  describe('an activation destroyed after its region was corrected', () => {
    let moved: ScenarioActivation;
    let health: string;
    let rows: LedgerRow[];

    beforeAll(async () => {
      const z = plantedPerson('Destroyed');
      health = `Fever ${z.subjectId}`;
      moved = new ScenarioActivation(store);
      await moved.open();
      await moved.record('signal.recorded', {
        signalId: 's-z',
        recordedBy: 'NLA',
        source: { kind: 'ANONYMOUS' },
        description: { text: 'Workers ill at the site.', categories: ['HEALTH'] },
        subjects: [z],
        confirmedInfection: true,
        healthDetail: { text: health, categories: ['HEALTH'] },
      });
      // VR17 coordinated it and saw the health detail (HEALTH, no PERSONAL); then it moved to VR09.
      await moved.record(
        'region.corrected',
        {
          fromRegion: 'VR17',
          fromMunicipality: 'GM0599',
          region: 'VR09',
          municipality: 'GM0344',
          correctedBy: 'VR17',
          reason: { text: 'Utrecht, not Rotterdam.', categories: ['CASE'] },
        },
        'VR17',
      );
      await catchUp();
      expect(JSON.stringify(await ledger(moved.id))).toContain(health);
      await eraseActivation(store, vault, moved.id);
      await catchUp();
      rows = await ledger(moved.id);
    });

    it('leaves no sealed value of it on the feed side, in the old region’s rows nor the new one’s', async () => {
      expect((await feedSideText(db)).split('\n').filter((r) => r.includes(health))).toEqual([]);
      expect(rowOf(rows, 'VR17', 'signal.recorded')!.payload.healthDetail).toEqual({
        text: ERASED,
        categories: ['HEALTH'],
      });
    });

    it('tells the coordinator it moved away from, which saw its health data, and the new one', () => {
      expect(rowOf(rows, 'VR17', 'personal-data.erased')!.payload).toEqual({
        erasureId: `retention-${moved.id}`,
        cause: 'RETENTION',
        scope: 'ACTIVATION',
      });
      expect(rowOf(rows, 'VR17', 'personal-data.erased')!.region).toBe('VR17');
      expect(rowOf(rows, 'VR09', 'personal-data.erased')!.region).toBe('VR09');
      expect(rowOf(rows, 'NLA', 'personal-data.erased')).toBeDefined();
    });
  });

  describe('corrections reach former recipients of the corrected data', () => {
    let corrected: ScenarioActivation;
    let y: PlantedPerson;
    let rows: LedgerRow[];

    beforeAll(async () => {
      y = plantedPerson('Corrected');
      corrected = new ScenarioActivation(store);
      await corrected.open();
      for (const agency of ['UWV', 'BD']) await corrected.join(agency);
      await corrected.signal('s-y', y);
      await corrected.leave('UWV');
      await corrected.leave('BD');
      // Recorded after they left: neither may learn of it, nor of its correction.
      await corrected.record('finding.recorded', {
        findingId: 'f-late',
        category: 'EMPLOYER',
        description: { text: 'No contracts on site.', categories: ['EMPLOYER'] },
        recordedBy: 'NLA',
      });
      await corrected.record('subject.corrected', {
        entryKind: 'SIGNAL',
        entryId: 's-y',
        entryCategory: 'CASE',
        subjectCategories: ['PERSONAL'],
        subject: { ...y, name: `${y.name} Jr` },
        correctedBy: 'NLA',
        reason: { text: 'Name misspelt.', categories: ['PERSONAL'] },
      });
      await corrected.record('finding.corrected', {
        findingId: 'f-late',
        category: 'EMPLOYER',
        description: { text: 'No contracts for six workers.', categories: ['EMPLOYER'] },
        correctedBy: 'NLA',
        reason: { text: 'Counted.', categories: ['EMPLOYER'] },
      });
      await corrected.record('employer.corrected', {
        employer: { name: 'Bouwbedrijf Maasdelta B.V.', kvkNumber: '12345678' },
        correctedBy: 'NLA',
        reason: { text: 'Wrong company of the group.', categories: ['EMPLOYER'] },
      });
      await corrected.record('location.corrected', {
        location: { address: 'Havenweg 21', postcode: '3011 AB', city: 'Rotterdam' },
        correctedBy: 'NLA',
        reason: { text: 'House number swapped.', categories: ['LOCATION'] },
      });
      await catchUp();
      rows = await ledger(corrected.id);
    });

    const typesOf = (agency: string) =>
      rows.filter((row) => row.agency === agency).map((row) => row.event_type);

    it('a former recipient that saw the person gets the corrected person; one that did not is not told', () => {
      const uwv = rowOf(rows, 'UWV', 'subject.corrected')!;
      expect(uwv.payload).toMatchObject({ entryId: 's-y', subject: { name: `${y.name} Jr`, bsn: y.bsn } });
      expect(rowOf(rows, 'BD', 'subject.corrected')).toBeUndefined();
    });

    it('a correction of what was recorded after they left, or of data they never had, does not reach them', () => {
      // The employer both had (EMPLOYER); the location neither (no LOCATION); the late finding neither.
      expect(typesOf('UWV')).toEqual([
        'activation.opened',
        'agency.joined',
        'agency.joined',
        'signal.recorded',
        'subject.corrected',
        'employer.corrected',
      ]);
      expect(typesOf('BD')).toEqual([
        'activation.opened',
        'agency.joined',
        'agency.joined',
        'signal.recorded',
        'agency.left',
        'employer.corrected',
      ]);
      expect(rowOf(rows, 'BD', 'employer.corrected')!.payload).toMatchObject({
        employer: { name: 'Bouwbedrijf Maasdelta B.V.' },
      });
      // The entitled get every correction as before.
      expect(typesOf('NLA')).toContain('finding.corrected');
      expect(typesOf('NLA')).toContain('location.corrected');
    });
  });
});
