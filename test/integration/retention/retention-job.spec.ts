import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ArchiveDecision, Role, type Actor } from '#domain';
import {
  catalogueUpcasting,
  CommandExecutor,
  EventStore,
  GapSafeSubscription,
  processingActivityStreams,
} from '#events';
import {
  type ActivationFacts,
  ArchiveRegister,
  READ_MODELS,
  ReadModelProjector,
  retentionActionsTable,
} from '#read-models';
import {
  ActivationShredder,
  RetentionJob,
  ACTIVATION_SHREDDER,
  RETENTION_CLOCK,
  RetentionJobService,
  RetentionModule,
  underRetentionLease,
} from '../../../apps/worker/src/retention/index.js';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { bulkLoad, loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { catchUp as drive } from '../../support/catch-up.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { readModelSnapshot } from '../../support/read-model-snapshot.js';
import { testEnvironment } from '../../support/test-env.js';
import { dutchDay, FakeClock, yearAfter } from './retention-clock.fixture.js';

/*
 * The retention job against a real store and read models, with a fake clock and a shredder that records
 * what it is asked (the real crypto-shredding is the eraser's, tested with it): it acts on exactly the
 * closed activations whose archive decision is DESTROY and whose day has come in the Netherlands, once,
 * and leaves every read-model row (and so the statistics) as it was.
 */

class RecordingShredder implements ActivationShredder {
  readonly calls: { activationId: string; decision: ArchiveDecision }[] = [];
  /** Activations refused once (a shredder that fails halfway), then accepted. */
  readonly failOnce = new Set<string>();

  async shredActivation(activationId: string, decision: ArchiveDecision): Promise<void> {
    this.calls.push({ activationId, decision });
    if (this.failOnce.delete(activationId))
      throw new Error(`KEY_STORE_UNAVAILABLE: try ${activationId} again`);
  }
  take(): string[] {
    return this.calls
      .splice(0)
      .map((call) => call.activationId)
      .sort();
  }
}

const nla = { userId: 'beleid@nla', agency: 'NLA', role: Role.POLICY_ADMIN } as Actor;
const vr17 = { userId: 'beleid@vr17', agency: 'VR17', role: Role.POLICY_ADMIN } as Actor;
const terms = {
  activityId: 'case-coordination',
  name: 'Casusregie arbeidsmigranten',
  purpose: 'Samen optreden tegen misstanden rond wonen, werk en vervoer van arbeidsmigranten.',
  legalBasis: { text: 'Samenwerkingsverband', reference: 'Wgs art. 2' },
  controllers: ['NLA', 'VR17'],
  retention: 'P1Y',
};

/** Noon in the Netherlands on a day: what the fake clock says. */
const noonOn = (day: string) => new Date(`${day}T11:00:00Z`);

describe('the retention job applies the archive decisions', () => {
  const database = new IsolatedDatabase();
  let db: DataSource;
  let store: EventStore;
  let closed: ActivationFacts[];
  let open: ActivationFacts[];
  /** When the register's category became KEEP: activations closed later are kept. */
  let keepFrom: string;
  const shredder = new RecordingShredder();
  const clock = new FakeClock(new Date());
  const log: string[] = [];
  const job = () =>
    new RetentionJob(db, new ArchiveRegister(store), shredder, clock, {
      batchSize: 7,
      logger: { log: (line: string) => log.push(line), error: (line: string) => log.push(line) },
    });

  const facts = async (): Promise<ActivationFacts[]> =>
    (await db.query(`SELECT facts FROM rm_activation_facts ORDER BY activation_id`)).map(
      (row: { facts: ActivationFacts }) => row.facts,
    );
  /** The closed activations destroyed (DESTROY P1Y, closed before keepFrom) by `day`, by the oracle. */
  const dueBy = (day: string) =>
    closed
      .filter(
        (f) => Date.parse(f.closedAt!) < Date.parse(keepFrom) && yearAfter(dutchDay(f.closedAt!)) <= day,
      )
      .map((f) => f.activationId)
      .sort();

  beforeAll(async () => {
    db = await database.create();
    store = new EventStore(db, catalogueUpcasting);
    await loadDemoAgreements(db, '2025-06-01T00:00:00Z');
    await bulkLoad(db, generateActivations(48, 19, 'ret'));
    const subscription = new GapSafeSubscription(db, store, {
      name: READ_MODELS.name,
      batchSize: 500,
      pollIntervalMs: 1000,
      databaseUrl: database.url,
    });
    await drive(subscription, (events, tx) => new ReadModelProjector(store).handle(events, tx));
    const all = await facts();
    closed = all.filter((f) => f.status === 'CLOSED').sort((a, b) => a.closedAt!.localeCompare(b.closedAt!));
    open = all.filter((f) => f.status !== 'CLOSED');
    expect(closed.length).toBeGreaterThan(15);
    expect(open.length).toBeGreaterThan(5);

    // The register: DESTROY after a year from before the first activation; KEEP for those closed after 75%.
    keepFrom = new Date(Date.parse(closed[Math.floor(closed.length * 0.75)].closedAt!) - 1000).toISOString();
    const executor = new CommandExecutor(store);
    const as = (actor: Actor, now: string) => ({ actor, eventActor: actor, now });
    const run = async (command: Record<string, unknown>, actor: Actor, now: string) => {
      const result = await executor.execute(processingActivityStreams, command, as(actor, now));
      expect(result).toMatchObject({ eventIds: [expect.any(String)] });
    };
    await run(
      {
        type: 'ProposeProcessingActivity',
        ...terms,
        selectionListCategory: { id: '1.1.3', nomination: 'DESTROY' },
      },
      nla,
      '2025-12-01T10:00:00Z',
    );
    await run(
      { type: 'ApproveProcessingActivity', activityId: terms.activityId, reason: 'Getoetst' },
      vr17,
      '2025-12-02T10:00:00Z',
    );
    await run(
      {
        type: 'ChangeProcessingActivity',
        ...terms,
        selectionListCategory: { id: '1.1.1', nomination: 'KEEP' },
        reason: 'Bewaren voor de geschiedschrijving',
      },
      nla,
      new Date(Date.parse(keepFrom) - 60_000).toISOString(),
    );
    await run(
      { type: 'ApproveProcessingActivity', activityId: terms.activityId, reason: 'Akkoord' },
      vr17,
      keepFrom,
    );
  }, 120_000);
  afterAll(() => database.drop());

  it('destroys exactly the closed DESTROY activations whose day has come, and records each', async () => {
    const before = await readModelSnapshot(db);
    const factsBefore = await facts();
    // A day on which about a third of the DESTROY activations are due, and not the day before.
    const day = yearAfter(dutchDay(closed[Math.floor(closed.length / 3)].closedAt!));
    const expected = dueBy(day);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(dueBy('2099-12-31').length);

    clock.at = new Date(Date.parse(`${day}T00:00:00+01:00`) - 60_000); // 23:59 the day before, in Amsterdam
    const eve = await job().run();
    expect(eve.day < day).toBe(true);
    expect(shredder.take()).toEqual(dueBy(eve.day));

    clock.at = noonOn(day);
    const summary = await job().run();
    const shredded = shredder.take();
    expect(shredded).toEqual(expected.filter((id) => !dueBy(eve.day).includes(id)));
    expect(summary).toEqual({ day, examined: closed.length, destroyed: shredded.length, failed: 0 });
    // Never an open one, never a kept one.
    const openIds = new Set(open.map((f) => f.activationId));
    expect(shredded.filter((id) => openIds.has(id))).toEqual([]);

    const rows = await retentionActionsTable.of(db.manager, expected);
    expect(rows.map((row) => row.activation_id)).toEqual(expected);
    for (const row of rows) {
      const f = closed.find((c) => c.activationId === row.activation_id)!;
      expect(row).toMatchObject({
        case_number: f.caseNumber,
        region: f.region,
        category: '1.1.3',
        action_date: yearAfter(dutchDay(f.closedAt!)),
        outcome: 'DESTROYED',
        attempts: 1,
        error: null,
      });
      expect(row.executed_at).toBeInstanceOf(Date);
    }
    // Progress in the log, page by page (7 a page).
    expect(log.filter((line) => line.includes('examined') && line.includes('so far')).length).toBeGreaterThan(
      2,
    );

    // The read models (and so the statistics and national figures) are as they were.
    expect(await readModelSnapshot(db)).toEqual(before);
    expect(await facts()).toEqual(factsBefore);
  });

  it('does nothing more when run again on the same day', async () => {
    const summary = await job().run();
    expect(shredder.take()).toEqual([]);
    expect(summary.destroyed).toBe(0);
  });

  it('takes up what a run left halfway: a refused shredding, a crash between shredding and recording', async () => {
    // Two years on, every DESTROY activation is due; KEEP ones never are.
    const day = '2028-06-01';
    // The last closed of them was not due before: the shredder refuses it once.
    const refused = closed.filter((f) => dueBy(day).includes(f.activationId)).at(-1)!.activationId;
    expect(await retentionActionsTable.destroyedAmong(db.manager, [refused])).toEqual(new Set());
    shredder.failOnce.add(refused);
    clock.at = noonOn(day);
    const first = await job().run();
    expect(first.failed).toBe(1);
    const [row] = await retentionActionsTable.of(db.manager, [refused]);
    expect(row).toMatchObject({ outcome: 'FAILED', error: expect.stringContaining('KEY_STORE_UNAVAILABLE') });
    expect(row.executed_at).toBeNull();
    shredder.take();

    // A crash after the shredder was called, before DESTROYED was written: the row stays STARTED.
    const crashed = closed[0].activationId;
    expect(dueBy(day)).toContain(crashed);
    await db.query(
      `UPDATE retention_actions SET outcome = 'STARTED', executed_at = NULL WHERE activation_id = $1`,
      [crashed],
    );

    const second = await job().run();
    expect(shredder.take()).toEqual([crashed, refused].sort());
    expect(second).toMatchObject({ destroyed: 2, failed: 0 });
    const rows = await retentionActionsTable.of(db.manager, dueBy(day));
    expect(rows.every((r) => r.outcome === 'DESTROYED')).toBe(true);
    expect(rows.find((r) => r.activation_id === refused)?.attempts).toBe(2);

    // Everything due is done; kept and open activations were never asked for.
    const all = await retentionActionsTable.of(
      db.manager,
      closed.map((f) => f.activationId).concat(open.map((f) => f.activationId)),
    );
    expect(all.map((r) => r.activation_id)).toEqual(dueBy(day));
    expect(dueBy(day).length).toBeLessThan(closed.length);
    expect((await job().run()).destroyed).toBe(0);
    expect(shredder.take()).toEqual([]);
  });

  it('runs on one worker at a time: a second one skips while the first holds the lease', async () => {
    let second: unknown;
    const first = await underRetentionLease(database.url, async () => {
      second = await underRetentionLease(database.url, async () => 'ran twice');
      return 'ran';
    });
    expect(first).toEqual({ ran: true, result: 'ran' });
    expect(second).toEqual({ ran: false });
    // Released with its connection: the next run takes it.
    expect(await underRetentionLease(database.url, async () => 'again')).toEqual({
      ran: true,
      result: 'again',
    });
  });

  it('is wired by RetentionModule.withShredder: it runs once at start, with the clock and shredder given', async () => {
    Object.assign(process.env, testEnvironment(database.env));
    const moduleRef = await Test.createTestingModule({
      imports: [RetentionModule.withShredder(RecordingShredder)],
    })
      .overrideProvider(RETENTION_CLOCK)
      .useValue(new FakeClock(new Date('2099-01-01T12:00:00Z')))
      .compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const service = app.get(RetentionJobService);
      // The run started at bootstrap; asking again while it runs answers that run.
      const summary = await service.runOnce();
      expect(summary).toMatchObject({ day: '2099-01-01', examined: closed.length, failed: 0 });
      const wired = app.get<RecordingShredder>(ACTIVATION_SHREDDER);
      // Everything due was destroyed by the runs before: nothing is asked again, kept ones never.
      expect(wired.calls).toEqual([]);
      const rows = await retentionActionsTable.of(
        db.manager,
        closed.map((f) => f.activationId),
      );
      expect(rows.map((r) => r.activation_id)).toEqual(dueBy('2099-01-01'));
    } finally {
      await app.close();
    }
  });
});
