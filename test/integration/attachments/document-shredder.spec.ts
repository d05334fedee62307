import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  type AttachmentStorage,
  attachmentsTable,
  DocumentShredder,
  PostgresAttachmentStorage,
} from '#attachments';
import { ReadDatabase } from '#platform';
import { openTestDataSource } from '../../support/test-database.js';

/*
 * The destruction of an activation's documents against the real Postgres, where the e2e test cannot reach:
 * a storage that fails halfway (the bytes outlive the record's change) is repaired by the next run, and
 * uploads of other activations, or attached to none, are left alone.
 */

describe('DocumentShredder', () => {
  let db: DataSource;
  let storage: AttachmentStorage;
  const activation = `shred-docs-${randomUUID()}`;
  const other = `shred-docs-${randomUUID()}`;

  /** An upload of NLA, of one chunk, attached to the activation (or to none). */
  const stored = async (activationId?: string): Promise<string> => {
    const id = randomUUID();
    await attachmentsTable.begin(db.manager, id, { agency: 'NLA', userId: 'insp@nla' });
    await attachmentsTable.addChunk(db.manager, id, 0, Buffer.from(`inhoud van ${id}`));
    await attachmentsTable.finish(db.manager, id, {
      contentType: 'application/pdf',
      byteLength: 48,
      sha256: 'ab',
    });
    if (activationId) {
      await attachmentsTable.claim(db.manager, id, 'NLA', activationId);
      await attachmentsTable.confirm(db.manager, id, ['PERSONAL']);
    }
    return id;
  };
  const stateOf = async (id: string) =>
    (
      await db.query(
        `SELECT state, sha256, erasure_id,
                (SELECT count(*)::int FROM attachment_chunks c WHERE c.attachment_id = a.attachment_id) AS chunks
         FROM attachments a WHERE attachment_id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    db = await openTestDataSource(4);
    // remove() writes as the owner; no read here, so no reader pool of its own.
    storage = new PostgresAttachmentStorage(db, new ReadDatabase(db));
  });
  afterAll(() => db?.destroy());

  it('given a storage failing halfway, when shredding again, then the bytes go and the record stays', async () => {
    const [mine, reserved, theirs, unattached] = [
      await stored(activation),
      await stored(),
      await stored(other),
      await stored(),
    ];
    // A reservation for the activation (attachDocument under way) is of it too.
    await attachmentsTable.claim(db.manager, reserved, 'NLA', activation);

    const failing: AttachmentStorage = {
      write: (id, bytes) => storage.write(id, bytes),
      read: (scope, id) => storage.read(scope, id),
      remove: () => Promise.reject(new Error('object store unreachable')),
    };
    const at = new Date('2031-03-01T10:00:00Z');
    await expect(
      new DocumentShredder(db, failing).shredActivation(activation, `retention-${activation}`, at),
    ).rejects.toThrow('object store unreachable');
    // No download serves them any more, but their bytes are still there.
    expect(await stateOf(mine)).toEqual({
      state: 'DESTROYED',
      sha256: null,
      erasure_id: `retention-${activation}`,
      chunks: 1,
    });

    const shredder = new DocumentShredder(db, storage);
    expect(await shredder.shredActivation(activation, `retention-${activation}`, new Date())).toBe(0);
    for (const id of [mine, reserved]) {
      expect(await stateOf(id)).toEqual({
        state: 'DESTROYED',
        sha256: null,
        erasure_id: `retention-${activation}`,
        chunks: 0,
      });
    }
    const [{ destroyed_at }] = await db.query(
      `SELECT destroyed_at FROM attachments WHERE attachment_id = $1`,
      [mine],
    );
    expect(destroyed_at).toEqual(at);
    for (const id of [theirs, unattached]) {
      expect(await stateOf(id)).toEqual({ state: 'STORED', sha256: 'ab', erasure_id: null, chunks: 1 });
    }
    // A destroyed upload is attached nowhere again.
    expect(await attachmentsTable.claim(db.manager, mine, 'NLA', activation)).toBeUndefined();
  });

  it('given no documents, when shredding, then nothing happens', async () => {
    expect(
      await new DocumentShredder(db, storage).shredActivation(`none-${randomUUID()}`, 'x', new Date()),
    ).toBe(0);
  });
});
