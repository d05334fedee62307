import { DataSource } from 'typeorm';
import { DataCategory } from '#domain';
import { loadConfig, ReadDatabase } from '#platform';
import { openTestDataSource } from '../../support/test-database.js';
import { testEnvironment } from '../../support/test-env.js';
import { searchTable } from '#read-models';
import { clearAgencies, run, seedActivations, seedTimeline } from './reads.fixture.js';

const A = 'GM9501';
const B = 'GM9502';

/**
 * Straight against Postgres, below the api: the role the api reads through (keten_api) sees an agency's
 * read-model rows only inside a transaction that names that agency, whatever its query asks for.
 */
describe('row-level security on the read models (keten_api)', () => {
  let owner: DataSource;
  let reader: ReadDatabase;
  const runId = run();

  beforeAll(async () => {
    owner = await openTestDataSource(2);
    reader = await ReadDatabase.open(loadConfig(testEnvironment()), 2);
    await clearAgencies(owner, [A, B]);
    await seedActivations(owner, [
      {
        agency: A,
        activationId: `rls-${runId}-1`,
        openedAt: '2020-06-01T08:00:00Z',
        themes: ['WORK', 'HOUSING'],
        employer: { name: 'Zoekbedrijf BV' },
      },
      { agency: A, activationId: `rls-${runId}-2`, openedAt: '2020-06-02T08:00:00Z' },
      {
        agency: B,
        activationId: `rls-${runId}-3`,
        openedAt: '2020-06-03T08:00:00Z',
        employer: { name: 'Zoekbedrijf BV' },
      },
    ]);
    const joined = {
      type: 'agency.joined',
      occurredAt: '2020-06-01T09:00:00Z',
      data: { agency: 'UWV' },
    };
    await seedTimeline(owner, A, `rls-${runId}-1`, [DataCategory.CASE], [joined]);
    await seedTimeline(owner, B, `rls-${runId}-3`, [DataCategory.CASE], [joined]);
  });

  afterAll(async () => {
    await clearAgencies(owner, [A, B]);
    await reader?.close();
    await owner?.destroy();
  });

  const READ_MODELS = ['rm_activations', 'rm_timeline', 'rm_activation_statistics'];

  it('connects as keten_api, a role row-level security applies to', async () => {
    const [role] = await reader.dataSource.query(
      `SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ name: 'keten_api', rolsuper: false, rolbypassrls: false });
  });

  it.each(READ_MODELS)(
    'shows no row of %s without an agency setting, even when asked for one',
    async (table) => {
      const [{ count }] = await reader.dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
      expect(count).toBe(0);
      const [{ asked }] = await reader.dataSource.query(
        `SELECT count(*)::int AS asked FROM ${table} WHERE agency = ANY($1)`,
        [[A, B]],
      );
      expect(asked).toBe(0);
    },
  );

  it.each(READ_MODELS)(
    "shows only agency A's rows of %s with A's setting, whatever the query asks",
    async (table) => {
      const rows: { agency: string; activation_id: string }[] = await reader.read(
        { agency: A, role: 'INSPECTOR' },
        (db) => db.query(`SELECT DISTINCT agency, activation_id FROM ${table} ORDER BY activation_id`),
      );
      expect(new Set(rows.map((r) => r.agency))).toEqual(new Set([A]));
      expect(rows.filter((r) => r.activation_id.startsWith(`rls-${runId}`)).length).toBeGreaterThan(0);
      const [{ count }] = await reader.read({ agency: A, role: 'INSPECTOR' }, (db) =>
        db.query(`SELECT count(*)::int AS count FROM ${table} WHERE agency = $1`, [B]),
      );
      expect(count).toBe(0);
    },
  );

  it.each(READ_MODELS)(
    "shows a policy admin or privacy officer no row of %s, even with the agency's setting",
    async (table) => {
      for (const role of ['POLICY_ADMIN', 'PRIVACY_OFFICER']) {
        const [{ count }] = await reader.read({ agency: A, role }, (db) =>
          db.query(`SELECT count(*)::int AS count FROM ${table}`),
        );
        expect({ role, count }).toEqual({ role, count: 0 });
      }
    },
  );

  it("keeps the statistics view behind the same policy: it runs with the reader's rights", async () => {
    const [{ reloptions }] = await owner.query(
      `SELECT reloptions FROM pg_class WHERE oid = 'rm_activation_statistics'::regclass`,
    );
    expect(reloptions).toContain('security_invoker=true');

    // The same view without security_invoker runs with its owner's rights, and the owner bypasses RLS.
    const probe = `rls_leak_probe_${runId.replace(/-/g, '')}`;
    await owner.query(`CREATE VIEW ${probe} AS SELECT agency, activation_id FROM rm_activations`);
    try {
      await owner.query(`GRANT SELECT ON ${probe} TO keten_api`);
      const leaked: { agency: string }[] = await reader.read({ agency: A, role: 'INSPECTOR' }, (db) =>
        db.query(`SELECT agency FROM ${probe} WHERE agency = $1`, [B]),
      );
      expect(leaked.length).toBeGreaterThan(0);
    } finally {
      await owner.query(`DROP VIEW ${probe}`);
    }
  });

  it("lets search_hits (the search's index path, with its owner's rights) find only the set agency's rows", async () => {
    const hits = (agency: string | undefined, role = 'INSPECTOR') => {
      const query = (db: { query: DataSource['query'] }) =>
        db.query(`SELECT activation_id FROM search_hits('zoekbedrijf', '{}', NULL) ORDER BY activation_id`);
      return agency === undefined ? query(reader.dataSource) : reader.read({ agency, role }, query);
    };
    expect(await hits(undefined)).toEqual([]);
    expect(await hits(A)).toEqual([{ activation_id: `rls-${runId}-1` }]);
    expect(await hits(B)).toEqual([{ activation_id: `rls-${runId}-3` }]);
    // It answers ids and scores only; the rows shown come through row-level security, agency and role.
    const terms = { text: 'zoekbedrijf', keys: [], names: true };
    const page = (role: string) =>
      reader.read({ agency: A, role }, (db) => searchTable.page(db, A, { terms, limit: 10 }));
    expect((await page('INSPECTOR')).map((row) => row.activation_id)).toEqual([`rls-${runId}-1`]);
    for (const role of ['POLICY_ADMIN', 'PRIVACY_OFFICER']) {
      expect({ role, rows: await page(role) }).toEqual({ role, rows: [] });
    }
    const [{ definer, granted }] = await owner.query(
      `SELECT p.prosecdef AS definer, has_function_privilege('public', p.oid, 'EXECUTE') AS granted
       FROM pg_proc p WHERE p.proname = 'search_hits'`,
    );
    expect({ definer, granted }).toEqual({ definer: true, granted: false });
  });

  it("keeps the projector's unredacted facts and the event store away from keten_api", async () => {
    for (const table of ['rm_activation_facts', 'events']) {
      await expect(
        reader.read({ agency: A, role: 'INSPECTOR' }, (db) => db.query(`SELECT 1 FROM ${table} LIMIT 1`)),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it('lets only a privacy officer read the access log, and nobody change it', async () => {
    await reader.read({ agency: A, role: 'INSPECTOR' }, (db) =>
      db.query(
        `INSERT INTO access_log (trace_id, user_id, agency, role, purpose, operation, activation_id, categories,
           subject_ref, subject_type)
         VALUES ($1, 'u', $2, 'INSPECTOR', 'CASE_COORDINATION', 'timeline', $3, '{PERSONAL}', 'unnamed', 'UNNAMED')`,
        [`rls-${runId}`, A, `rls-${runId}-1`],
      ),
    );
    const count = (role: string) =>
      reader.read({ agency: A, role }, async (db) => {
        const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM access_log WHERE trace_id = $1`, [
          `rls-${runId}`,
        ]);
        return n as number;
      });
    expect(await count('INSPECTOR')).toBe(0);
    expect(await count('POLICY_ADMIN')).toBe(0);
    expect(await count('PRIVACY_OFFICER')).toBe(1);
    await expect(
      reader.read({ agency: A, role: 'PRIVACY_OFFICER' }, (db) =>
        db.query(`DELETE FROM access_log WHERE trace_id = $1`, [`rls-${runId}`]),
      ),
    ).rejects.toThrow(/permission denied/);
    // The audit records naming who read: the same rules, and no delete path either.
    await reader.read({ agency: A, role: 'INSPECTOR' }, (db) =>
      db.query(
        `INSERT INTO access_log_audit (id, trace_id, span_id, agency, user_id, role, operation)
         VALUES (gen_random_uuid(), $1, '00f067aa0ba902b7', $2, 'u', 'INSPECTOR', 'timeline')`,
        [`${runId}`.padEnd(32, '0').replace(/[^0-9a-f]/g, '0'), A],
      ),
    );
    const audits = (role: string) =>
      reader.read({ agency: A, role }, async (db) => {
        const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM access_log_audit WHERE agency = $1`, [
          A,
        ]);
        return n as number;
      });
    expect(await audits('INSPECTOR')).toBe(0);
    expect(await audits('PRIVACY_OFFICER')).toBeGreaterThan(0);
    await expect(
      reader.read({ agency: A, role: 'PRIVACY_OFFICER' }, (db) => db.query(`DELETE FROM access_log_audit`)),
    ).rejects.toThrow(/permission denied/);
  });
});
