import { Args, Query, Resolver } from '@nestjs/graphql';
import { EntityManager } from 'typeorm';
import type { Actor } from '#domain';
import { EventStore } from '#events';
import { feedTable } from '#read-models';
import { CASE_DATA, CurrentActor, ReadableBy } from '../../auth/index.js';
import { activityOf, CurrentReadRequest, LoggedReads, type ReadRequest } from '../../access-log/index.js';
import {
  Connection,
  ConnectionType,
  cursorListOf,
  decodeCursor,
  encodeCursor,
} from '../../pagination/index.js';
import { FeedEntry } from '../shared/feed-entry.type.js';
import { FeedItem, readFeed } from '../shared/feed.reader.js';
import { DEFAULT_FEED_PAGE, FeedArgs, MAX_FEED_PAGE } from './feed.args.js';

const FeedConnection = ConnectionType(FeedEntry, 'Feed');

/** Cursors name a place in the agency's own feed (agency_seq). */
const LIST = 'agencyFeed';
/** Cursors handed out before feeds had a sequence of their own named an all-agency position (feed_seq). */
const LEGACY_LIST = 'feed';

/** Rows read at a time while filling a page, however small the page. */
const MIN_BATCH = 50;
/**
 * Rows one page may read to fill itself where entries are no longer visible (a revoked category): past
 * it the page comes back short, with hasNextPage and an endCursor beyond the rows read.
 */
const MAX_SCANNED_ROWS = 10 * MAX_FEED_PAGE;

@Resolver(() => FeedEntry)
export class FeedResolver {
  constructor(
    private readonly reads: LoggedReads,
    private readonly store: EventStore,
  ) {}

  @Query(() => FeedConnection, {
    name: 'feed',
    description:
      'Your agency’s feed: every event your agency was entitled to when it happened, in the order it was fed, as your agency may see it now. ' +
      'Cursors are positions in the feed and stay valid for good, so a system catches up after downtime with the last endCursor it saw; ' +
      'endCursor is where the next page starts (after an empty page, the after you sent). ' +
      'Reading personal, health or criminal data is recorded in the access log.',
  })
  @ReadableBy(CASE_DATA)
  feed(
    @Args() args: FeedArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<Connection<FeedEntry>> {
    const size = args.first ?? DEFAULT_FEED_PAGE;
    // A null after (a client passing on the endCursor of an empty feed) starts at the beginning too.
    const cursor = args.after ?? undefined;
    const legacy = cursor !== undefined && cursorListOf(cursor) === LEGACY_LIST;
    const [after] =
      cursor === undefined ? [0] : decodeCursor(legacy ? LEGACY_LIST : LIST, cursor, ['bigint']);
    return this.reads.read({ actor, request, operation: 'feed' }, async (db) => {
      const from = legacy ? await feedTable.positionAtFeedSeq(db, actor.agency, after) : after;
      const page = await readPage(
        db,
        this.store,
        actor.agency,
        from,
        size,
        activityOf({ actor, request, operation: 'feed' }),
      );
      return {
        result: toFeedConnection(page, cursor !== undefined),
        disclosures: page.items.map((item) => item.disclosure),
      };
    });
  }
}

interface FeedPage {
  readonly items: FeedItem[];
  /** The position after which the next page starts (0: the beginning). */
  readonly end: number;
  readonly hasNextPage: boolean;
}

/** Up to `size` visible entries after `after`, reading on past entries the agency may no longer see. */
async function readPage(
  db: EntityManager,
  store: EventStore,
  agency: string,
  after: number,
  size: number,
  activity: string,
): Promise<FeedPage> {
  const limit = Math.max(size + 1, MIN_BATCH);
  const items: FeedItem[] = [];
  let position = after;
  let scanned = 0;
  let exhausted = false;
  while (items.length <= size && scanned < MAX_SCANNED_ROWS && !exhausted) {
    const batch = await readFeed(db, store, agency, { after: position, limit }, activity);
    items.push(...batch.items);
    scanned += batch.scanned;
    position = batch.lastSeq ?? position;
    exhausted = batch.scanned < limit;
  }
  if (items.length > size)
    return { items: items.slice(0, size), end: items[size - 1].seq, hasNextPage: true };
  // Not full: everything read was considered, shown or not, so the next page starts after all of it.
  return { items, end: position, hasNextPage: !exhausted };
}

function toFeedConnection(page: FeedPage, afterCursor: boolean): Connection<FeedEntry> {
  const edges = page.items.map((item) => ({ cursor: encodeCursor(LIST, [item.seq]), node: item.entry }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: afterCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: page.end > 0 ? encodeCursor(LIST, [page.end]) : null,
    },
  };
}
