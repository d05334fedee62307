import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ConfiguredMasterKey, ERASED, open, seal, SubjectKeys } from '#events';
import { openTestDataSource } from '../../support/test-database.js';

interface BackupRow {
  key_id: string;
  subject_ref: string;
  generation: number;
  master_key_id: string;
  wrapped_key: Buffer;
}

/** The keys of crypto-shredding against the real Postgres: made once, erased for good, not restored by a backup. */
describe('SubjectKeys', () => {
  let db: DataSource;
  let keys: SubjectKeys;
  const master = randomBytes(32);
  // Subjects of this run's own (the pseudonyms are opaque text to the table).
  const ref = () => `test-${randomUUID()}`;

  beforeAll(async () => {
    db = await openTestDataSource(10);
    keys = new SubjectKeys(db, new ConfiguredMasterKey([master]));
  });
  afterAll(() => db.destroy());

  const readable = async (sealed: ReturnType<typeof seal>) => {
    const found = await keys.keysById(sealed.keys);
    return open(sealed, (id) => found.get(id));
  };

  it('given a subject without a key, when ten writers ask for it at once, then all get the same one', async () => {
    const anna = ref();
    const given = await Promise.all(Array.from({ length: 10 }, () => keys.currentKeys([anna])));
    const ids = new Set(given.map((k) => k.get(anna)!.id));
    const bytes = new Set(given.map((k) => k.get(anna)!.key.toString('hex')));
    expect({ ids: ids.size, bytes: bytes.size }).toEqual({ ids: 1, bytes: 1 });
    const [{ n }]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM subject_keys WHERE subject_ref = $1`,
      [anna],
    );
    expect(n).toBe(1);
  });

  it('given a key, when stored, then the table holds it only wrapped, never its bytes', async () => {
    const anna = ref();
    const { key, id } = (await keys.currentKeys([anna])).get(anna)!;
    const [row]: { wrapped_key: Buffer; as_text: string }[] = await db.query(
      `SELECT wrapped_key, k::text AS as_text FROM subject_keys k WHERE key_id = $1`,
      [id],
    );
    expect(row.wrapped_key.includes(key)).toBe(false);
    expect(row.as_text).not.toContain(key.toString('hex'));
  });

  it('given an erased subject, when its values are read, then they read as erased, and erasing again changes nothing', async () => {
    const [anna, piotr] = [ref(), ref()];
    const current = await keys.currentKeys([anna, piotr]);
    const annas = seal('Anna K., 111222333', [current.get(anna)!]);
    const piotrs = seal('Piotr W.', [current.get(piotr)!]);
    expect(await readable(annas)).toBe('Anna K., 111222333');

    expect(await keys.erase(anna, 'erasure-1')).toEqual([current.get(anna)!.id]);
    expect(await readable(annas)).toBe(ERASED);
    expect(await readable(piotrs)).toBe('Piotr W.');
    expect(await keys.erase(anna, 'erasure-2')).toEqual([]);
  });

  it('given an erased subject recorded again, when sealing, then a new generation of key is made and the old values stay erased', async () => {
    const anna = ref();
    const first = (await keys.currentKeys([anna])).get(anna)!;
    const before = seal('before', [first]);
    await keys.erase(anna, 'erasure-1');
    const second = (await keys.currentKeys([anna])).get(anna)!;
    expect(second.id).not.toBe(first.id);
    expect(second.id).toBe(`${anna}.2`);
    expect(await readable(seal('after', [second]))).toBe('after');
    expect(await readable(before)).toBe(ERASED);
  });

  it('given a key backup taken before an erasure, when restored, then the erased subject stays erased and the list deletes it again', async () => {
    const [anna, piotr] = [ref(), ref()];
    const current = await keys.currentKeys([anna, piotr]);
    const annas = seal('Anna K.', [current.get(anna)!]);
    const backup: BackupRow[] = await db.query(
      `SELECT key_id, subject_ref, generation, master_key_id, wrapped_key FROM subject_keys
       WHERE subject_ref = ANY($1::text[])`,
      [[anna, piotr]],
    );
    await keys.erase(anna, 'erasure-1');

    // Restoring the key backup, as a restore would: its rows back into subject_keys.
    await db.query(
      `INSERT INTO subject_keys (key_id, subject_ref, generation, master_key_id, wrapped_key)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bytea[])
       ON CONFLICT (key_id) DO NOTHING`,
      [
        backup.map((row) => row.key_id),
        backup.map((row) => row.subject_ref),
        backup.map((row) => row.generation),
        backup.map((row) => row.master_key_id),
        backup.map((row) => row.wrapped_key),
      ],
    );
    const [{ restored }]: { restored: number }[] = await db.query(
      `SELECT count(*)::int AS restored FROM subject_keys WHERE subject_ref = $1`,
      [anna],
    );
    expect(restored).toBe(1);
    // Even before the list is applied again, the restored key is not used: not to read, not to seal.
    expect(await readable(annas)).toBe(ERASED);
    expect((await keys.currentKeys([anna])).get(anna)!.id).toBe(`${anna}.2`);

    expect(await keys.reapplyErasures()).toBeGreaterThanOrEqual(1);
    const left: { key_id: string }[] = await db.query(
      `SELECT key_id FROM subject_keys WHERE subject_ref = ANY($1::text[]) ORDER BY key_id`,
      [[anna, piotr]],
    );
    expect(left.map((row) => row.key_id).sort()).toEqual([`${anna}.2`, current.get(piotr)!.id].sort());
  });

  it('given a wrapped key copied onto another subject’s row, when read, then it does not unwrap', async () => {
    const [anna, piotr] = [ref(), ref()];
    const current = await keys.currentKeys([anna, piotr]);
    await db.query(
      `UPDATE subject_keys SET wrapped_key = (SELECT wrapped_key FROM subject_keys WHERE key_id = $1) WHERE key_id = $2`,
      [current.get(anna)!.id, current.get(piotr)!.id],
    );
    await expect(keys.keysById([current.get(piotr)!.id])).rejects.toThrow(/does not unwrap/);
  });

  it('given keys made and filed without waiting for their flush, when the same connection runs the next statement, then that one commits durably again', async () => {
    // One connection, so the statement after the keys' runs where they ran (as an append may).
    const single = await openTestDataSource(1);
    try {
      const one = new SubjectKeys(single, new ConfiguredMasterKey([master]));
      const [anna, piotr] = [ref(), ref()];
      const made = await one.currentKeys([anna, piotr], `activation-${randomUUID()}`);
      expect(made.size).toBe(2);
      const [{ synchronous_commit }]: { synchronous_commit: string }[] =
        await single.query(`SHOW synchronous_commit`);
      expect(synchronous_commit).toBe('on');
      // And the keys were committed: another connection reads them.
      expect((await keys.keysById([made.get(anna)!.id, made.get(piotr)!.id])).size).toBe(2);
    } finally {
      await single.destroy();
    }
  });
});
