import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '#platform';
import { FEED_CHANNEL } from '#read-models';

const MIN_RETRY_MS = 100;
const MAX_RETRY_MS = 10_000;

type Wake = () => void;

/**
 * This api instance's ear on the feeds: one dedicated connection that LISTENs on the channel the worker's
 * feed projector notifies in the transaction that appends rows (`{"agencies": [...]}`), and wakes the live
 * feeds of the agencies named. Every instance listens, so every instance delivers to its own subscribers.
 *
 * A notification is only a wake-up call: the feeds read their rows themselves, through row-level security.
 * So a lost connection loses nothing that cannot be read again: it reconnects with backoff and then wakes
 * every live feed, for whatever was fed while it was not listening.
 */
@Injectable()
export class FeedNotifications implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(FeedNotifications.name);
  private readonly watchers = new Map<string, Set<Wake>>();
  private client?: Client;
  private connecting?: Promise<void>;
  private stopped = false;

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    // Not awaited: a live feed opened before the connection is up is woken when it comes up.
    void this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Calls `wake` whenever rows may have been fed to the agency, until the returned function is called. */
  watch(agency: string, wake: Wake): () => void {
    const watchers = this.watchers.get(agency) ?? new Set<Wake>();
    watchers.add(wake);
    this.watchers.set(agency, watchers);
    return () => {
      watchers.delete(wake);
      if (watchers.size === 0 && this.watchers.get(agency) === watchers) this.watchers.delete(agency);
    };
  }

  /** How many live feeds of the agency this instance holds. */
  watching(agency: string): number {
    return this.watchers.get(agency)?.size ?? 0;
  }

  private listen(): Promise<void> {
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    let retryMs = MIN_RETRY_MS;
    while (!this.stopped) {
      const client = new Client({
        connectionString: this.config.readDatabaseUrl,
        application_name: `keten-${this.config.kafkaClientId}-feed-listener`,
        keepAlive: true,
      });
      client.on('notification', (message) => this.notified(message.payload));
      client.on('error', (error) => this.lost(client, error));
      client.on('end', () => this.lost(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${FEED_CHANNEL}`);
        if (this.stopped) {
          await client.end();
          return;
        }
        this.client = client;
        this.wakeAll();
        return;
      } catch (error) {
        this.logger.warn(`cannot listen for feed notifications, retrying: ${(error as Error).message}`);
        await client.end().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, retryMs).unref());
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    }
  }

  private lost(client: Client, error?: Error): void {
    // Errors of a connection still being set up are handled where it is set up.
    if (this.client !== client) return;
    this.client = undefined;
    if (this.stopped) return;
    this.logger.warn(`lost the feed notification connection, reconnecting: ${error?.message ?? 'ended'}`);
    void client.end().catch(() => undefined);
    void this.listen();
  }

  private notified(payload: string | undefined): void {
    let agencies: unknown;
    try {
      agencies = (JSON.parse(payload ?? '') as { agencies?: unknown }).agencies;
    } catch {
      agencies = undefined;
    }
    // A payload this code cannot read wakes every feed: a needless read is cheap, a missed delivery is not.
    if (!Array.isArray(agencies)) return this.wakeAll();
    for (const agency of agencies) {
      if (typeof agency === 'string') this.watchers.get(agency)?.forEach((wake) => wake());
    }
  }

  private wakeAll(): void {
    for (const watchers of this.watchers.values()) watchers.forEach((wake) => wake());
  }
}
