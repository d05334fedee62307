import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role, type Actor } from '#domain';
import {
  activationStreamId,
  catalogueEntry,
  CommandExecutor,
  configuredEventStore,
  EventStore,
  GapSafeSubscription,
  personalDataVault,
  processingActivityStreams,
  StoredEvent,
} from '#events';
import { DocumentShredder, PostgresAttachmentStorage } from '#attachments';
import { loadConfig, ReadDatabase } from '#platform';
import {
  type ActivationFacts,
  ArchiveRegister,
  READ_MODELS,
  ReadModelProjector,
  retentionActionsTable,
} from '#read-models';
import { EraserShredder, PersonalDataEraser } from '../../../apps/worker/src/erasures/index.js';
import { RetentionJob } from '../../../apps/worker/src/retention/index.js';
import { generateActivations } from '../../../bench/generator/activation-generator.js';
import { loadDemoAgreements } from '../../../bench/generator/bulk-load.js';
import { catchUp } from '../../support/catch-up.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { dutchDay, FakeClock, yearAfter } from './retention-clock.fixture.js';

/*
 * The retention job with the real eraser (issue 19 done-means): with a fake clock it shreds exactly the
 * closed DESTROY activations past their day — every personal value of them reads as erased, in the store
 * and in every read model, while the same persons' other cases keep theirs — records personal-data.erased
 * once on each, and leaves the statistics as they were.
 */

const nla = { userId: 'beleid@nla', agency: 'NLA', role: Role.POLICY_ADMIN } as Actor;
const vr17 = { userId: 'beleid@vr17', agency: 'VR17', role: Role.POLICY_ADMIN } as Actor;

/** Every person's name in an activation's stream as read now (a name erased is no longer a string). */
const namesIn = (events: readonly StoredEvent[]): string[] =>
  events.flatMap((event) => {
    const subjects = (event.data as { subjects?: { name?: unknown }[] }).subjects ?? [];
    return subjects.flatMap((s) => (typeof s.name === 'string' ? [s.name] : []));
  });

describe('the retention job shreds through the eraser', () => {
  const database = new IsolatedDatabase();
  let db: DataSource;
  let store: EventStore;
  let subscription: GapSafeSubscription;
  const clock = new FakeClock(new Date());

  const project = () =>
    catchUp(subscription, (events, tx) => new ReadModelProjector(store).handle(events, tx));
  const facts = async (): Promise<ActivationFacts[]> =>
    (await db.query(`SELECT facts FROM rm_activation_facts ORDER BY activation_id`)).map(
      (row: { facts: ActivationFacts }) => row.facts,
    );
  const statistics = () =>
    db.query(`SELECT * FROM rm_activation_statistics ORDER BY agency, activation_id, theme`);
  const timelineText = async (activationId: string): Promise<string> =>
    JSON.stringify(
      await db.query(`SELECT payload FROM rm_timeline WHERE activation_id = $1`, [activationId]),
    );

  beforeAll(async () => {
    db = await database.create();
    const config = loadConfig(database.env);
    store = configuredEventStore(db, config);
    await loadDemoAgreements(db, '2025-06-01T00:00:00Z');
    for (const activation of generateActivations(30, 23, 'shred')) {
      await store.append(
        activationStreamId(activation.activationId),
        0,
        activation.events.map(({ event, actor, occurredAt }) => ({
          eventId: randomUUID(),
          type: event.type,
          schemaVersion: catalogueEntry(event.type).schemaVersion,
          data: event.data,
          occurredAt,
          metadata: {
            actor: { userId: actor.userId, agency: actor.agency, role: actor.role },
            correlationId: activation.activationId,
          },
        })),
      );
    }
    subscription = new GapSafeSubscription(db, store, {
      name: READ_MODELS.name,
      batchSize: 200,
      pollIntervalMs: 1000,
      databaseUrl: database.url,
    });
    await project();
    const executor = new CommandExecutor(store);
    const as = (actor: Actor, now: string) => ({ actor, eventActor: actor, now });
    await executor.execute(
      processingActivityStreams,
      {
        type: 'ProposeProcessingActivity',
        activityId: 'case-coordination',
        name: 'Casusregie arbeidsmigranten',
        purpose: 'Samen optreden tegen misstanden rond wonen, werk en vervoer van arbeidsmigranten.',
        legalBasis: { text: 'Samenwerkingsverband', reference: 'Wgs art. 2' },
        controllers: ['NLA', 'VR17'],
        retention: 'P1Y',
        selectionListCategory: { id: '1.1.3', nomination: 'DESTROY' },
      },
      as(nla, '2025-12-01T10:00:00Z'),
    );
    await executor.execute(
      processingActivityStreams,
      { type: 'ApproveProcessingActivity', activityId: 'case-coordination', reason: 'Getoetst' },
      as(vr17, '2025-12-02T10:00:00Z'),
    );
  }, 120_000);
  afterAll(() => database.drop());

  it('given closed DESTROY activations, when the day of some has come, then exactly those are shredded everywhere', async () => {
    const closed = (await facts())
      .filter((f) => f.status === 'CLOSED')
      .sort((a, b) => a.closedAt!.localeCompare(b.closedAt!));
    expect(closed.length).toBeGreaterThan(8);
    const day = yearAfter(dutchDay(closed[Math.floor(closed.length / 2)].closedAt!));
    const due = closed.filter((f) => yearAfter(dutchDay(f.closedAt!)) <= day).map((f) => f.activationId);
    const kept = (await facts()).map((f) => f.activationId).filter((id) => !due.includes(id));
    expect(due.length).toBeGreaterThan(2);
    expect(kept.length).toBeGreaterThan(2);
    const names = new Map<string, string[]>();
    for (const f of await facts()) {
      names.set(f.activationId, namesIn(await store.readStream(activationStreamId(f.activationId))));
    }
    // The persons to shred are there, and some of them also in a case that is kept.
    const shredNames = due.flatMap((id) => names.get(id)!);
    expect(shredNames.length).toBeGreaterThan(0);
    // Where an agency's read models show the persons (those with PERSONAL), they must go too.
    const shownBefore: string[] = [];
    for (const id of due) {
      const text = await timelineText(id);
      if (names.get(id)!.some((name) => text.includes(`"${name}"`))) shownBefore.push(id);
    }
    expect(shownBefore.length).toBeGreaterThan(0);
    const statisticsBefore = await statistics();

    clock.at = new Date(`${day}T11:00:00Z`);
    const vault = personalDataVault(db, loadConfig(database.env));
    // The documents' storage only removes here (as the owner): it needs no reader of its own.
    const documents = new DocumentShredder(db, new PostgresAttachmentStorage(db, new ReadDatabase(db)));
    const shredder = new EraserShredder(
      new PersonalDataEraser(vault, new CommandExecutor(store), documents),
      clock,
    );
    const logger = { log: () => undefined, error: (line: string) => console.error(line) };
    const summary = await new RetentionJob(db, new ArchiveRegister(store), shredder, clock, {
      batchSize: 4,
      logger,
    }).run();
    expect(summary).toMatchObject({ day, destroyed: due.length, failed: 0 });
    await project();

    for (const id of due) {
      const stream = await store.readStream(activationStreamId(id));
      expect({ id, names: namesIn(stream) }).toEqual({ id, names: [] });
      const erased = stream.filter((e) => e.type === 'personal-data.erased');
      expect(erased.map((e) => e.data)).toEqual([
        { erasureId: `retention-${id}`, cause: 'RETENTION', scope: 'ACTIVATION' },
      ]);
      expect(erased[0]!.occurredAt).toBe(clock.at.toISOString());
      const text = await timelineText(id);
      expect({ id, found: names.get(id)!.filter((name) => text.includes(`"${name}"`)) }).toEqual({
        id,
        found: [],
      });
      if (shownBefore.includes(id)) expect(text).toContain('"$erased":true');
    }
    for (const id of kept) {
      expect({ id, names: namesIn(await store.readStream(activationStreamId(id))) }).toEqual({
        id,
        names: names.get(id),
      });
    }
    expect((await retentionActionsTable.of(db.manager, due)).map((r) => r.outcome)).toEqual(
      due.map(() => 'DESTROYED'),
    );
    // The anonymous case facts the statistics count are as they were.
    expect(await statistics()).toEqual(statisticsBefore);

    // Run again: nothing more is shredded or recorded.
    expect(
      (
        await new RetentionJob(db, new ArchiveRegister(store), shredder, clock, {
          batchSize: 4,
          logger,
        }).run()
      ).destroyed,
    ).toBe(0);
    for (const id of due) {
      const again = await store.readStream(activationStreamId(id));
      expect(again.filter((e) => e.type === 'personal-data.erased')).toHaveLength(1);
    }
  }, 120_000);
});
