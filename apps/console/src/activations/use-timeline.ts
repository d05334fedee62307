import { useEffect, useMemo, useState } from 'react';
import { useClient, useSubscription } from 'urql';
import { graphql } from '../api/generated';
import type { ConsoleTimelineLiveSubscription, ConsoleTimelineQuery } from '../api/generated/graphql';
import { useFieldQueue } from '../field-mode/field-queue';

const TIMELINE = graphql(`
  query ConsoleTimeline($activationId: ID!, $after: String) {
    timeline(activationId: $activationId, first: 100, after: $after) {
      edges {
        node {
          eventId
          occurredAt
          actingAgency
          type
          payload
          withheld
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const TIMELINE_LIVE = graphql(`
  subscription ConsoleTimelineLive($activationId: ID!) {
    timeline(activationId: $activationId) {
      eventId
      occurredAt
      actingAgency
      type
      payload
      withheld
    }
  }
`);

export type TimelineEntry = ConsoleTimelineQuery['timeline']['edges'][number]['node'];

/**
 * The whole joint timeline of an activation, in the order things happened: the first page shows at once and
 * the following pages (100 entries each, the api's bound) are read one after another behind it; entries
 * arriving live are merged in by event id, so one subscribed before the pages were read is not shown twice.
 * When field mode's queue changes (commands sent after the connection came back, while the live connection
 * may still be finding its way back) the pages are read again.
 */
export function useTimeline(activationId: string) {
  const client = useClient();
  const waiting = useFieldQueue().waiting.length;
  const [pages, setPages] = useState<{ entries: TimelineEntry[]; complete: boolean }>({
    entries: [],
    complete: false,
  });
  useEffect(() => {
    let cancelled = false;
    const read: TimelineEntry[] = [];
    const readFrom = async (after: string | null): Promise<void> => {
      const { data } = await client.query(TIMELINE, { activationId, after }).toPromise();
      if (cancelled || !data) return;
      read.push(...data.timeline.edges.map((edge) => edge.node));
      const { hasNextPage, endCursor } = data.timeline.pageInfo;
      setPages({ entries: [...read], complete: !hasNextPage });
      if (hasNextPage && endCursor) await readFrom(endCursor);
    };
    void readFrom(null);
    return () => {
      cancelled = true;
    };
  }, [client, activationId, waiting]);

  const [{ data: live, error: liveError }] = useSubscription<
    ConsoleTimelineLiveSubscription,
    TimelineEntry[]
  >({ query: TIMELINE_LIVE, variables: { activationId } }, (previous = [], next) => [
    ...previous,
    next.timeline,
  ]);
  const entries = useMemo(() => {
    const seen = new Map<string, TimelineEntry>();
    for (const entry of [...pages.entries, ...(live ?? [])]) seen.set(entry.eventId, entry);
    return [...seen.values()];
  }, [pages, live]);
  return { entries, complete: pages.complete, live: !liveError };
}
