import { Client } from 'pg';

const LEASE = 'keten-retention';

/**
 * One retention run at a time across all workers: a session advisory lock on a connection of its own
 * (not a transaction, which would hold back every gap-safe subscription for the length of the run). A
 * worker that finds it taken skips its run: the other one does the work. The lock goes with the
 * connection, also when the process is killed.
 */
export async function underRetentionLease<T>(
  databaseUrl: string,
  run: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS held`, [LEASE]);
    if (rows[0].held !== true) return { ran: false };
    return { ran: true, result: await run() };
  } finally {
    await client.end().catch(() => undefined);
  }
}
