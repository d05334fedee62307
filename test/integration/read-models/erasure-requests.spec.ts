import { DataSource } from 'typeorm';
import { agencyCode, Role, type Actor } from '#domain';
import {
  catalogueUpcasting,
  checkpointsTable,
  CommandExecutor,
  erasureStreams,
  EventStore,
  GapSafeSubscription,
  SubjectPseudonym,
} from '#events';
import { loadConfig, ReadDatabase } from '#platform';
import { ERASURE_REQUESTS, ErasureRequestsProjector, erasureRequestsTable } from '#read-models';
import { catchUp } from '../../support/catch-up.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';

const NOW = '2026-12-03T09:00:00+01:00';
const BSN = '111222333';
const officer = (userId: string, agency: string): Actor => ({
  userId,
  agency: agencyCode(agency),
  role: Role.PRIVACY_OFFICER,
});

/**
 * erasure_requests as the projector writes it from the erasure streams and the api reads it: the same rows
 * however often it is rebuilt, nothing of whom a request erases, and row-level security below the api:
 * privacy officers of the requester's agency read it, no other role and no other agency reads a row.
 */
/** Erasure ids are UUIDs: every agency in the case sees them on its timeline. */
const [PERSON, SUBJECT] = ['3d0f6c2a-9e1b-4c7d-8a5f-2b6e1d9c4a70', '7a4e2b9c-1d3f-4e6a-9b8c-5f2d7e1a3c60'];

describe('the erasure requests read model', () => {
  const database = new IsolatedDatabase();
  const pseudonyms = new SubjectPseudonym('integration-test-pseudonym-key-0123456789');
  let db: DataSource;
  let store: EventStore;
  let reads: ReadDatabase;

  const project = () =>
    catchUp(
      new GapSafeSubscription(db, store, {
        name: ERASURE_REQUESTS.name,
        batchSize: 500,
        pollIntervalMs: 1000,
        databaseUrl: database.url,
      }),
      (events, tx) => new ErasureRequestsProjector().handle(events, tx),
    );
  const send = (command: Record<string, unknown>, actor: Actor) =>
    new CommandExecutor(store).execute(erasureStreams(pseudonyms), command, {
      actor,
      eventActor: { userId: actor.userId, agency: actor.agency, role: actor.role },
      now: NOW,
    });
  const rows = async (): Promise<Record<string, unknown>[]> =>
    (await db.query(`SELECT row_to_json(e)::text AS row FROM erasure_requests e ORDER BY erasure_id`)).map(
      (r: { row: string }) => JSON.parse(r.row) as Record<string, unknown>,
    );

  beforeAll(async () => {
    db = await database.create(4);
    store = new EventStore(db, catalogueUpcasting);
    reads = await ReadDatabase.open(loadConfig(database.env), 2);
    const fg = officer('fg@nla', 'NLA');
    await send(
      {
        type: 'RequestErasure',
        erasureId: PERSON,
        bsn: BSN,
        ground: 'OBJECTION',
        reason: 'Bezwaar gegrond.',
      },
      fg,
    );
    await send(
      {
        type: 'RequestErasure',
        erasureId: SUBJECT,
        activationId: 'act-1',
        subjectId: 'w1',
        ground: 'NO_LONGER_NEEDED',
        reason: 'Niet meer nodig.',
      },
      fg,
    );
    await send({ type: 'ApproveErasure', erasureId: PERSON, reason: 'Getoetst.' }, officer('fg2@nla', 'NLA'));
    await send(
      { type: 'RejectErasure', erasureId: SUBJECT, reason: 'Bewaarplicht.' },
      officer('fg3@nla', 'NLA'),
    );
    await project();
  }, 60_000);

  afterAll(async () => {
    await reads?.close();
    await database.drop();
  });

  it('holds each request as its stream stands, the same after a rebuild, and nothing of whom it erases', async () => {
    const projected = await rows();
    expect(
      projected.map((row) => [row.erasure_id, row.scope, row.activation_id, row.status, row.decided_by]),
    ).toEqual([
      [PERSON, 'PERSON', null, 'APPROVED', 'fg2@nla'],
      [SUBJECT, 'CASE_SUBJECT', 'act-1', 'REJECTED', 'fg3@nla'],
    ]);
    const text = JSON.stringify(projected);
    for (const secret of [BSN, pseudonyms.ofBsn(BSN), pseudonyms.ofCaseSubject('act-1', 'w1'), 'w1'])
      expect(text).not.toContain(secret);

    await db.transaction((tx) => checkpointsTable.reset(tx, ERASURE_REQUESTS.name));
    await project();
    expect(await rows()).toEqual(projected);
  });

  it('lets privacy officers of the requester’s agency read it, no other role and no other agency a row', async () => {
    const count = (role: Role, agency = 'NLA') =>
      reads.read(
        { agency, role },
        async (tx) => (await tx.query(`SELECT count(*)::int AS n FROM erasure_requests`))[0].n as number,
      );
    expect(await count(Role.PRIVACY_OFFICER)).toBe(2);
    for (const role of [Role.INSPECTOR, Role.COORDINATOR, Role.POLICY_ADMIN, Role.AGENCY_SYSTEM])
      expect({ role, rows: await count(role) }).toEqual({ role, rows: 0 });
    // Asked for every row without a WHERE, another agency's officer gets none: the policy names the agency.
    for (const agency of ['GM0599', 'BD'])
      expect({ agency, rows: await count(Role.PRIVACY_OFFICER, agency) }).toEqual({ agency, rows: 0 });

    const listFor = (agency: string) =>
      reads.read({ agency, role: Role.PRIVACY_OFFICER }, (tx) =>
        erasureRequestsTable.list(tx, { readerAgency: agency, limit: 10 }),
      );
    const activationOf = async (agency: string) =>
      (await listFor(agency)).find((row) => row.erasure_id === SUBJECT)?.activation_id;
    expect(await activationOf('NLA')).toBe('act-1');
    expect((await listFor('NLA')).map((row) => row.erasure_id).sort()).toEqual([PERSON, SUBJECT]);
    expect(await listFor('GM0599')).toEqual([]);
    expect(await listFor('BD')).toEqual([]);
  });
});
