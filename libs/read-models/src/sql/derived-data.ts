import { EntityManager } from 'typeorm';

/**
 * For a transaction that writes only data derived from the events together with its checkpoint: should
 * Postgres crash before the commit reaches the disk, rows and checkpoint are lost together and the batch is
 * projected again, so the commit need not wait for its WAL flush.
 */
export async function commitWithoutFlushWait(tx: EntityManager): Promise<void> {
  await tx.query(`SET LOCAL synchronous_commit = off`);
}
