import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { safetyRegion } from '#domain';
import { CaseNumbers } from '#events';
import { openTestDataSource } from '../../support/test-database.js';

/** The case-number register against the real Postgres: unique under concurrency, stable per activation. */
describe('CaseNumbers', () => {
  let db: DataSource;
  let numbers: CaseNumbers;
  // A region and year of this run's own, so other tests' numbers do not interleave.
  const region = safetyRegion('VR25');
  const year = 2000 + Math.floor(Math.random() * 900);
  const at = `${year}-06-01T10:00:00+02:00`;

  beforeAll(async () => {
    db = await openTestDataSource(20);
    await db.query(`DELETE FROM case_number_counters WHERE region = $1 AND year = $2`, [region, year]);
  });
  afterAll(() => db.destroy());

  it('hands 20 parallel openings 20 different, consecutive numbers of their region and year', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const given = await Promise.all(ids.map((id) => numbers.allocate(id, region, at)));
    expect(new Set(given).size).toBe(20);
    const sequence = given.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const n of given) expect(n).toMatch(new RegExp(`^VR25-${year}-\\d{4}$`));
  });

  it('gives a retried opening the number it was given the first time', async () => {
    const id = randomUUID();
    const [first, again] = await Promise.all([
      numbers.allocate(id, region, at),
      numbers.allocate(id, region, at),
    ]);
    expect(again).toBe(first);
    expect(await numbers.allocate(id, region, at)).toBe(first);
  });

  it('counts the year in the Netherlands: 00:30 on 1 January is the new year', async () => {
    const n = await numbers.allocate(randomUUID(), region, `${year + 1}-01-01T00:30:00+01:00`);
    expect(n).toMatch(new RegExp(`^VR25-${year + 1}-`));
    await db.query(`DELETE FROM case_number_counters WHERE region = $1 AND year = $2`, [region, year + 1]);
  });

  beforeAll(() => {
    numbers = new CaseNumbers(db);
  });
});
