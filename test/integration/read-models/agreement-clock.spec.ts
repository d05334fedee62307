import { DataSource } from 'typeorm';
import { Actor, Role } from '#domain';
import {
  agreementStreams,
  catalogueUpcasting,
  CommandExecutor,
  EventStore,
  GapSafeSubscription,
} from '#events';
import { loadConfig } from '#platform';
import { READ_MODELS, ReadModelProjector } from '#read-models';
import { AgreementClockService } from '../../../apps/worker/src/agreements/agreement-clock.service.js';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { bulkLoad } from '../../../bench/generator/bulk-load.js';
import { catchUp as drive } from '../../support/catch-up.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';

describe('agreement dates take effect through the worker clock', () => {
  const database = new IsolatedDatabase();
  let db: DataSource;
  let store: EventStore;
  let executor: CommandExecutor;
  let subscription: GapSafeSubscription;
  const admin = { userId: 'beleid@nla', agency: 'NLA', role: Role.POLICY_ADMIN } as Actor;
  const catchUp = () => drive(subscription, (events, tx) => new ReadModelProjector(store).handle(events, tx));
  const rowsOf = async (agency: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM rm_timeline WHERE agency = $1`, [agency]))[0].n as number;
  /** Four eyes: NLA's admin proposes, the other party's admin (VR17 for NLA's own) approves. */
  const grant = async (agreementId: string, validFrom: Date, validUntil?: Date, agency = 'NLA') => {
    const other = agency === 'NLA' ? 'VR17' : agency;
    const approver = {
      userId: `beleid@${other.toLowerCase()}`,
      agency: other,
      role: Role.POLICY_ADMIN,
    } as Actor;
    await executor.execute(
      agreementStreams,
      {
        type: 'ProposeAgreement',
        agreementId,
        agency,
        approverAgency: agency === 'NLA' ? 'VR17' : 'NLA',
        categories: ['CASE', 'EMPLOYER'],
        purpose: 'Toezicht',
        legalBasis: { text: 'Wet SUWI art. 64', reference: 'Wet SUWI art. 64' },
        validFrom: validFrom.toISOString(),
        ...(validUntil ? { validUntil: validUntil.toISOString() } : {}),
      },
      { actor: admin, eventActor: admin, now: new Date().toISOString() },
    );
    return executor.execute(
      agreementStreams,
      { type: 'ApproveAgreement', agreementId, reason: 'Akkoord' },
      { actor: approver, eventActor: approver, now: new Date().toISOString() },
    );
  };

  beforeAll(async () => {
    db = await database.create();
    store = new EventStore(db, catalogueUpcasting);
    executor = new CommandExecutor(store);
    subscription = new GapSafeSubscription(db, store, {
      name: READ_MODELS.name,
      batchSize: 500,
      pollIntervalMs: 1000,
      databaseUrl: database.url,
    });
    await db.query(`INSERT INTO subscription_checkpoints (subscription) VALUES ($1)`, [READ_MODELS.name]);
    await bulkLoad(db, generateActivations(20, 3, 'clock'));
  });
  afterAll(() => database.drop());

  it('records the expiry when validUntil passes, and the agency loses the rows', async () => {
    const now = new Date();
    await grant('nla-short', new Date(now.getTime() - 60_000), new Date(now.getTime() + 60_000));
    await catchUp();
    expect(await rowsOf('NLA')).toBeGreaterThan(0);

    const clock = new AgreementClockService(db, executor, store, loadConfig(database.env));
    await clock.tick(new Date(now.getTime() + 30_000));
    await catchUp();
    expect(await rowsOf('NLA')).toBeGreaterThan(0);

    await clock.tick(new Date(now.getTime() + 61_000));
    const [expired] = await store.readStream('agreement-nla-short', 2);
    expect(expired).toMatchObject({
      type: 'agreement.expired',
      metadata: { actor: { userId: 'keten-worker' } },
    });
    await catchUp();
    expect(await rowsOf('NLA')).toBe(0);
  });

  it('re-projects the agency when a future agreement takes effect', async () => {
    const clock = new AgreementClockService(db, executor, store, loadConfig(database.env));
    const startsAt = new Date(Date.now() + 2_000);
    await grant('nla-later', startsAt);
    await catchUp();
    expect(await rowsOf('NLA')).toBe(0);

    await clock.tick(new Date(startsAt.getTime() + 10));
    expect(await rowsOf('NLA')).toBeGreaterThan(0);
  });

  it('catches up on a start that passed while no worker ran', async () => {
    const startsAt = new Date(Date.now() + 1_500);
    await grant('vr17-while-down', startsAt, undefined, 'VR17');
    await catchUp();
    expect(await rowsOf('VR17')).toBe(0);
    // The worker that projected the grant stops before the start; the next one starts after it.
    await new Promise((resolve) => setTimeout(resolve, startsAt.getTime() - Date.now() + 200));
    const restarted = new AgreementClockService(db, executor, store, loadConfig(database.env));
    await restarted.tick();
    expect(await rowsOf('VR17')).toBeGreaterThan(0);
    const [row] = await db.query(
      `SELECT took_effect_at FROM rm_agreements WHERE agreement_id = 'vr17-while-down'`,
    );
    expect(row.took_effect_at).toEqual(startsAt);
    // Once taken effect, a later tick does not re-project the agency again.
    await db.query(`DELETE FROM rm_timeline WHERE agency = 'VR17'`);
    await restarted.tick();
    expect(await rowsOf('VR17')).toBe(0);
  });
});
