import { Client } from 'pg';
import { FEED_CHANNEL } from '#read-models';

/**
 * The relay's own connection to Postgres, which does two things. It holds the publishing lease, so one
 * relay at a time publishes across all workers: a session advisory lock, not a row lock in a transaction,
 * since publishing may wait on Kafka for long and an open transaction would hold back the horizon of
 * every gap-safe subscription. And it LISTENs for new feed entries, so the relay wakes at once. When the
 * connection drops, the lock goes with it (also when the process is killed): the relay asks again before
 * its next batch, and another worker may have taken over meanwhile, which at worst publishes the batch in
 * flight twice.
 */
export class RelaySession {
  private client?: Client;
  private held = false;

  constructor(
    private readonly name: string,
    private readonly databaseUrl: string,
    private readonly onNewEntries: () => void,
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  /** True if this process may publish now; false while another one holds the lease. */
  async acquire(): Promise<boolean> {
    const client = this.client ?? (await this.connect());
    if (!this.held) {
      const { rows } = await client.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS held`, [this.name]);
      this.held = rows[0].held === true;
    }
    return this.held;
  }

  /** Ending the session releases the lock. */
  async release(): Promise<void> {
    const client = this.client;
    this.lost();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true });
    client.on('notification', this.onNewEntries);
    // A session that ends took the lock with it. 'end' also covers a connection that died during a query,
    // which pg reports to the query only, not as an 'error' event.
    const ended = () => {
      if (this.client === client) this.lost();
      void client.end().catch(() => undefined);
    };
    client.on('error', ended);
    client.on('end', ended);
    try {
      await client.connect();
      await client.query(`LISTEN ${FEED_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  private lost(): void {
    this.client = undefined;
    this.held = false;
  }
}
