import { EntityManager } from 'typeorm';
import { activationsTable, timelineTable, type ActivityView, type TimelineRow } from '#read-models';

/**
 * Up to `limit` entries of an activation's timeline as `agency` sees it for the read's activity (`view`),
 * after the entry `afterEventId`; undefined when that entry is not in the agency's timeline (any more).
 * Entries the activity does not show are skipped, and the read goes on until the page is full or the
 * timeline ends, so a page is short only at the end.
 */
export async function timelineViewOf(
  db: EntityManager,
  view: ActivityView,
  agency: string,
  activationId: string,
  afterEventId: string | undefined,
  limit: number,
): Promise<TimelineRow[] | undefined> {
  const first = await timelineTable.page(db, agency, activationId, afterEventId, limit);
  if (first === undefined || !view.narrows) return first;
  // An activation the agency sees without CASE has no list row, so no region: only agreements for every
  // region count then (ActivityView.categories).
  const region = (await activationsTable.find(db, agency, activationId))?.region;
  const shown = view.timeline(region, first);
  for (let page = first; page.length === limit && shown.length < limit;) {
    page = (await timelineTable.page(db, agency, activationId, page.at(-1)!.event_id, limit)) ?? [];
    shown.push(...view.timeline(region, page));
  }
  return shown.slice(0, limit);
}
