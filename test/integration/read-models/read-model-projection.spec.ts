import { DataSource } from 'typeorm';
import { Actor, Role } from '#domain';
import {
  agreementStreams,
  catalogueUpcasting,
  CommandExecutor,
  EventStore,
  GapSafeSubscription,
} from '#events';
import { READ_MODELS, ReadModelProjector, rebuildReadModels } from '#read-models';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { catchUp as drive } from '../../support/catch-up.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { readModelSnapshot } from '../../support/read-model-snapshot.js';

const snapshot = readModelSnapshot;

describe('read-model projection on a generated store', () => {
  const database = new IsolatedDatabase();
  let db: DataSource;
  let store: EventStore;
  let subscription: GapSafeSubscription;
  const projector = () => new ReadModelProjector(store);
  const catchUp = () => drive(subscription, (events, tx) => projector().handle(events, tx));

  beforeAll(async () => {
    db = await database.create();
    store = new EventStore(db, catalogueUpcasting);
    subscription = new GapSafeSubscription(db, store, {
      name: READ_MODELS.name,
      batchSize: 500,
      pollIntervalMs: 1000,
      databaseUrl: database.url,
    });
    await loadDemoAgreements(db);
  }, 60_000);
  afterAll(() => database.drop());

  it('gives each agency exactly the rows of activations it takes part in or coordinates', async () => {
    const generated = [...generateActivations(60, 7)];
    await bulkLoad(db, generated);
    await catchUp();

    for (const activation of generated.slice(0, 20)) {
      const rows: { agency: string }[] = await db.query(
        `SELECT agency FROM rm_activations WHERE activation_id = $1 ORDER BY agency`,
        [activation.activationId],
      );
      const [{ facts }] = await db.query(`SELECT facts FROM rm_activation_facts WHERE activation_id = $1`, [
        activation.activationId,
      ]);
      // Every entitled agency with an agreement (all demo agencies have CASE) has the row, and the
      // national team (LOTC, whose tokens read figures only) has every row; nobody else.
      const withAgreement = new Set(['NLA', 'GM0599', 'GM0344', 'VR17', 'VR09', 'UWV', 'SVB', 'BD', 'LOTC']);
      const expected = [...new Set([...facts.participants, facts.region, 'LOTC'])]
        .filter((a) => withAgreement.has(a))
        .sort();
      expect(rows.map((r) => r.agency)).toEqual(expected);
    }
    // NLA has no HEALTH: a health finding another agency recorded is a HEALTH event, so it does not learn
    // one exists; one NLA recorded itself it keeps seeing whole (its own record). It has INCOME and
    // PERSONAL: an income finding shows, with the description that speaks of the worker.
    const [{ stored, ownStored }] = await db.query(
      `SELECT count(*)::int AS stored, count(*) FILTER (WHERE metadata->'actor'->>'agency' = 'NLA')::int AS "ownStored"
       FROM events WHERE type = 'finding.recorded' AND data->>'category' = 'HEALTH'`,
    );
    expect(stored).toBeGreaterThan(ownStored);
    const seen = async (category: string, own: boolean): Promise<{ payload: Record<string, unknown> }[]> =>
      db.query(
        `SELECT payload FROM rm_timeline
         WHERE agency = 'NLA' AND event_type = 'finding.recorded' AND payload->>'category' = $1
           AND (acting_agency = 'NLA') = $2`,
        [category, own],
      );
    expect(await seen('HEALTH', false)).toEqual([]);
    const ownHealth = await seen('HEALTH', true);
    expect(ownHealth.length).toBe(ownStored);
    for (const row of ownHealth) expect(row.payload.description).toMatchObject({ text: expect.any(String) });
    const income = [...(await seen('INCOME', false)), ...(await seen('INCOME', true))];
    expect(income.length).toBeGreaterThan(0);
    for (const row of income) {
      expect(row.payload.description).toMatchObject({ categories: ['INCOME', 'PERSONAL'] });
    }
  });

  it('removes a revoked category from the agency at once and brings it back when granted again', async () => {
    const executor = new CommandExecutor(store);
    const admin = { userId: 'beleid@nla', agency: 'NLA', role: Role.POLICY_ADMIN } as Actor;
    const now = () => new Date().toISOString();
    const uwvIncome = () =>
      db.query(`SELECT count(*)::int AS n FROM rm_timeline WHERE agency = 'UWV' AND 'INCOME' <> ALL (withheld)
                AND event_type = 'finding.recorded' AND payload->>'category' = 'INCOME' AND payload->>'description' IS NOT NULL`);
    const before = (await uwvIncome())[0].n;
    expect(before).toBeGreaterThan(0);

    await executor.execute(
      agreementStreams,
      {
        type: 'RevokeAgreement',
        agreementId: 'demo-uwv',
        reason: 'test',
      },
      { actor: admin, eventActor: admin, now: now() },
    );
    await catchUp();
    const [{ n: afterRevoke }] = await db.query(
      `SELECT count(*)::int AS n FROM rm_timeline WHERE agency = 'UWV'`,
    );
    expect(afterRevoke).toBe(0);

    // A new agreement, in force once UWV's policy admin approves NLA's proposal.
    await executor.execute(
      agreementStreams,
      {
        type: 'ProposeAgreement',
        agreementId: 'demo-uwv-2',
        agency: 'UWV',
        approverAgency: 'NLA',
        categories: ['CASE', 'EMPLOYER', 'PERSONAL', 'BENEFITS', 'INCOME'],
        purpose: 'Rechtmatigheid uitkeringen',
        legalBasis: { text: 'Wet SUWI art. 54', reference: 'Wet SUWI art. 54' },
        validFrom: '2026-01-01T00:00:00+01:00',
      },
      { actor: admin, eventActor: admin, now: now() },
    );
    const uwvAdmin = { userId: 'beleid@uwv', agency: 'UWV', role: Role.POLICY_ADMIN } as Actor;
    await executor.execute(
      agreementStreams,
      { type: 'ApproveAgreement', agreementId: 'demo-uwv-2', reason: 'Akkoord' },
      { actor: uwvAdmin, eventActor: uwvAdmin, now: now() },
    );
    await catchUp();
    expect((await uwvIncome())[0].n).toBe(before);
  });

  it('rebuilds from zero to exactly the incremental result, on more than 10,000 events', async () => {
    const loaded = await bulkLoad(db, generateActivations(900, 11, 'big'));
    const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM events`);
    expect(total).toBeGreaterThan(10_000);
    expect(loaded).toBeGreaterThan(9_000);
    await catchUp();
    const incremental = await snapshot(db);

    const progress: number[] = [];
    await rebuildReadModels(db, store, {
      batchSize: 1000,
      databaseUrl: database.url,
      onProgress: (done) => progress.push(done),
    });
    expect(await snapshot(db)).toEqual(incremental);
    expect(progress.at(-1)).toBe(total);

    await rebuildReadModels(db, store, {
      agency: 'NLA',
      batchSize: 1000,
      databaseUrl: database.url,
      onProgress: () => undefined,
    });
    expect(await snapshot(db)).toEqual(incremental);
  }, 240_000);
});
