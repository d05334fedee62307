import { Injectable, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { EventStore } from '#events';
import { AppConfig, ReadDatabase } from '#platform';
import type { InboxRow } from '#read-models';
import { activationVisible } from '#read-models';
import { apiError, ApiErrorCode } from '../../errors/index.js';
import type { ReadAudit } from '../../access-log/index.js';
import { activityOf, LoggedReads } from '../../access-log/index.js';
import { scopeOf } from '../../auth/index.js';
import { activationNotFound, inboxViewOf, type InboxItemView } from '../../reads/index.js';
import { FeedEntry } from './feed-entry.type.js';
import { FeedNotifications } from './feed-notifications.listener.js';
import { feedEnd, readFeed } from './feed.reader.js';

/**
 * Live feeds of one agency that one api instance holds at once. Each costs a read per notification for
 * the agency, so the bound keeps one agency from loading the database for all; agency systems need one
 * or a few, a coordinators' room a few dozen.
 */
export const MAX_LIVE_FEEDS_PER_AGENCY = 100;

/** Rows a live feed reads at a time; it reads the next batch only when the client took the last one. */
export const LIVE_FEED_BATCH = 100;

export interface LiveFeedOptions {
  /** Only this activation's entries; it must be visible to the agency (NOT_FOUND otherwise). */
  readonly activationId?: string;
}

/**
 * Opens GraphQL subscriptions on an agency's feed: from the end of the feed at the moment of subscribing,
 * every new entry, through the same read as the feed query (readFeed: row-level security, redaction with
 * the categories in force now, the access log through LoggedReads). The notification listener only wakes
 * a feed; what it delivers is always read anew under the subscriber's own scope.
 */
@Injectable()
export class LiveFeeds {
  private readonly logger = new Logger(LiveFeeds.name);
  private readonly delivering = new Map<string, number>();
  private readonly pollIntervalMs: number;

  constructor(
    private readonly notifications: FeedNotifications,
    private readonly database: ReadDatabase,
    private readonly reads: LoggedReads,
    private readonly store: EventStore,
    config: AppConfig,
  ) {
    this.pollIntervalMs = config.feedRelay.pollIntervalMs;
  }

  async open(audit: ReadAudit, options: LiveFeedOptions = {}): Promise<AsyncIterableIterator<FeedEntry>> {
    const { actor } = audit;
    this.requireRoom(actor.agency);
    // Purpose limitation at subscribe time: a feed no agreement serves is refused before it starts.
    await this.reads.read(audit, () => Promise.resolve({ result: undefined, disclosures: [] }));
    let position = 0;
    const feed = new LiveFeed<FeedEntry>(async () => {
      const batch = await this.reads
        .read(audit, async (db) => {
          const read = await readFeed(
            db,
            this.store,
            actor.agency,
            { after: position, limit: LIVE_FEED_BATCH, activationId: options.activationId },
            activityOf(audit),
          );
          return { result: read, disclosures: read.items.map((item) => item.disclosure) };
        })
        .catch((error: unknown) => {
          // A purpose no agreement serves any more (revoked meanwhile) ends the feed with its own answer.
          if (error instanceof GraphQLError && error.extensions.code === 'FORBIDDEN') throw error;
          this.logger.error(`live feed of ${actor.agency} failed: ${(error as Error).message}`);
          throw new GraphQLError('The live feed stopped because of a server error; subscribe again.', {
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          });
        });
      position = batch.lastSeq ?? position;
      return { items: batch.items.map((item) => item.entry), more: batch.scanned === LIVE_FEED_BATCH };
    });
    // Watch before taking the end of the feed: a row fed in between then wakes the feed, and is either
    // within the end (not delivered: it came before the subscription) or after it (delivered).
    const unwatch = this.notifications.watch(actor.agency, () => feed.wake());
    feed.onReturn(unwatch);
    try {
      position = await this.database.read(scopeOf(actor), async (db) => {
        if (options.activationId && !(await activationVisible(db, actor.agency, options.activationId))) {
          throw activationNotFound(options.activationId);
        }
        return feedEnd(db, actor.agency);
      });
    } catch (error) {
      await feed.return();
      throw error;
    }
    this.count(actor.agency, 1);
    feed.onReturn(() => this.count(actor.agency, -1));
    return feed;
  }

  /**
   * A live inbox: every invitation or referral addressed to the agency after subscribing, and every change
   * of an item's state (joined, declined), read by the same function as the inbox query (inboxViewOf: the
   * read's activity, the access log of what is delivered only). The read models hold the inbox, and no
   * feed row wakes the invited agency, so it is read again at the subscriptions' poll interval, and at
   * once when the agency's feed moves (its own answers).
   */
  async openInbox(audit: ReadAudit): Promise<AsyncIterableIterator<InboxItemView>> {
    const { actor } = audit;
    this.requireRoom(actor.agency);
    // Purpose limitation at subscribe time, as for feeds.
    await this.reads.read(audit, () => Promise.resolve({ result: undefined, disclosures: [] }));
    const seen = new Map<string, string>();
    const stateOf = (row: InboxRow) => `${row.state}\u0000${row.answered_at?.toISOString() ?? ''}`;
    const keyOf = (row: InboxRow) => `${row.activation_id}\u0000${row.item_id}`;
    const read = (deliver: boolean) =>
      this.reads.read(audit, (db, view) =>
        inboxViewOf(db, view, actor.agency, { limit: LIVE_FEED_BATCH }, (row) => {
          const changed = seen.get(keyOf(row)) !== stateOf(row);
          seen.set(keyOf(row), stateOf(row));
          return deliver && changed;
        }),
      );
    // What waits at subscribe time is the inbox query's to answer: only what comes after is delivered.
    await read(false);
    const inbox = new LiveFeed<InboxItemView>(async () => ({
      items: (await read(true)).reverse(),
      more: false,
    }));
    const unwatch = this.notifications.watch(actor.agency, () => inbox.wake());
    const poll = setInterval(() => inbox.wake(), this.pollIntervalMs);
    inbox.onReturn(() => {
      unwatch();
      clearInterval(poll);
    });
    this.count(actor.agency, 1);
    inbox.onReturn(() => this.count(actor.agency, -1));
    return inbox;
  }

  /** How many live feeds of the agency this instance delivers to: opened, and not yet ended. */
  deliveringTo(agency: string): number {
    return this.delivering.get(agency) ?? 0;
  }

  private requireRoom(agency: string): void {
    if (this.notifications.watching(agency) < MAX_LIVE_FEEDS_PER_AGENCY) return;
    throw apiError(
      ApiErrorCode.RATE_LIMITED,
      `Your agency already has ${MAX_LIVE_FEEDS_PER_AGENCY} live subscriptions on this server; close one first, or read the feed query.`,
      { reason: 'TOO_MANY_SUBSCRIPTIONS' },
    );
  }

  private count(agency: string, change: 1 | -1): void {
    const count = this.deliveringTo(agency) + change;
    if (count > 0) this.delivering.set(agency, count);
    else this.delivering.delete(agency);
  }
}

/**
 * An async iterator of feed entries that reads only when its consumer asks for the next entry and none
 * is buffered (graphql-ws asks again once the previous message has been handed to the socket): a slow
 * client holds at most one batch in memory, and what it has not taken yet stays in the database.
 */
class LiveFeed<T> implements AsyncIterableIterator<T> {
  private buffer: T[] = [];
  private pending = false;
  private closed = false;
  private wakeUp?: () => void;
  private readonly closers: (() => void)[] = [];

  constructor(private readonly fetch: () => Promise<{ items: T[]; more: boolean }>) {}

  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  onReturn(closer: () => void): void {
    this.closers.push(closer);
  }

  async next(): Promise<IteratorResult<T>> {
    while (!this.closed) {
      const item = this.buffer.shift();
      if (item !== undefined) return { value: item, done: false };
      if (!this.pending) {
        await new Promise<void>((resolve) => (this.wakeUp = resolve));
        this.wakeUp = undefined;
        continue;
      }
      this.pending = false;
      const { items, more } = await this.fetch();
      this.buffer = items;
      // A full batch may not be the last: read on without waiting for another notification.
      if (more) this.pending = true;
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      this.buffer = [];
      this.closers.forEach((close) => close());
      this.wakeUp?.();
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
