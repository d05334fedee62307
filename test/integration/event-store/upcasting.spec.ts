import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { catalogueUpcasting, EventStore } from '#events';
import { openTestDataSource } from '../../support/test-database.js';
import { newStreamId } from './new-events.fixture.js';

/** signal.recorded v1 rows written before the v2 schema must read as the current version through the catalogue's upcasters. */
describe('reading old schema versions from Postgres', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openTestDataSource();
  });
  afterAll(() => db.destroy());

  it('upcasts stored signal.recorded v1 events to the current version and leaves the stored rows alone', async () => {
    const stream = newStreamId();
    const v1 = (signalId: string, reporter: string) => ({
      signalId,
      recordedBy: 'NLA',
      reporter,
      description: 'Eight workers sleep in one container',
    });
    const metadata = JSON.stringify({
      actor: { userId: 'u', agency: 'NLA', role: 'INSPECTOR' },
      correlationId: 'c',
    });
    // As a v1-era process wrote them: raw rows with schema_version 1.
    for (const [version, data] of [
      [1, v1('s-1', 'UWV')],
      [2, v1('s-2', 'FNV Bondgenoten')],
      [3, v1('s-3', '')],
    ] as const) {
      await db.query(
        `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
         VALUES ($1, $2, $3, 'signal.recorded', 1, $4, $5, now())`,
        [stream, version, randomUUID(), JSON.stringify(data), metadata],
      );
    }

    const events = await new EventStore(db, catalogueUpcasting).readStream(stream);

    expect(events.map((e) => e.schemaVersion)).toEqual([3, 3, 3]);
    // v3: the description became a narrative; nobody can tell what was typed into it, so it names a person.
    const description = { text: 'Eight workers sleep in one container', categories: ['PERSONAL'] };
    expect(events.map((e) => e.data)).toEqual([
      {
        signalId: 's-1',
        recordedBy: 'NLA',
        description,
        source: { kind: 'PARTNER_AGENCY', agency: 'UWV' },
      },
      {
        signalId: 's-2',
        recordedBy: 'NLA',
        description,
        source: { kind: 'EXTERNAL', name: 'FNV Bondgenoten' },
      },
      { signalId: 's-3', recordedBy: 'NLA', description, source: { kind: 'ANONYMOUS' } },
    ]);
    const [stored] = await db.query(
      `SELECT schema_version, data FROM events WHERE stream_id = $1 AND stream_version = 1`,
      [stream],
    );
    expect(stored).toMatchObject({ schema_version: 1, data: { reporter: 'UWV' } });
  });
});
