import { AgencyCode } from '../shared/agency-code.value.js';
import { DataCategory, isDataCategory } from '../shared/data-category.enum.js';
import { epochMillis, Instant } from '../shared/instant.value.js';
import { SafetyRegion } from '../shared/safety-region.value.js';
import { DEFAULT_PROCESSING_ACTIVITY } from './agreement.events.js';
import { AgreementStatus, UnrecordedAgreement } from './agreement.state.js';

/**
 * What `categoriesInForce` needs to know of one agreement: the decider's state satisfies it, and so can a
 * read model row (whose optional columns may be null).
 */
export interface AgreementInForceView {
  readonly agency: string;
  readonly categories: readonly string[];
  readonly status: AgreementStatus;
  readonly validFrom: string;
  readonly validUntil?: string | null;
  readonly regionScope?: string | null;
  /** The processing activities it serves; absent: the default (case coordination), as before the register. */
  readonly activities?: readonly string[] | null;
}

/**
 * The categories `agency` may see of an activation in `activationRegion` at the moment `at`: the union of
 * the categories of its agreements that are granted (neither revoked nor expired), whose validity holds
 * (validFrom ≤ at < validUntil), whose region scope is absent or the activation's region, and, when an
 * activity is named, that serve it: a category is visible only through an agreement serving the read's activity.
 *
 * `at` is the moment of the read, not of the event read: a revoked agreement stops counting at once, for old
 * events too, and so does one past its end even before the scheduler records the expiry. Anything that
 * cannot be read as an instant or a category counts for nothing: fail closed.
 */
export function categoriesInForce(
  agreements: Iterable<AgreementInForceView | UnrecordedAgreement>,
  agency: AgencyCode,
  activationRegion: SafetyRegion,
  at: Instant,
  /** Only agreements serving this processing activity count (purpose limitation); any when absent. */
  activity?: string,
): Set<DataCategory> {
  const moment = epochMillis(at);
  const categories = new Set<DataCategory>();
  if (Number.isNaN(moment)) return categories;
  for (const agreement of agreements) {
    if ('recorded' in agreement && agreement.recorded === false) continue;
    const view = agreement as AgreementInForceView;
    if (view.agency !== agency || view.status !== AgreementStatus.GRANTED) continue;
    if (!isAbsent(view.regionScope) && view.regionScope !== activationRegion) continue;
    if (activity !== undefined && !(view.activities ?? [DEFAULT_PROCESSING_ACTIVITY]).includes(activity))
      continue;
    // Written so that an unreadable date (NaN) fails every comparison and the agreement counts for nothing.
    if (!(Date.parse(view.validFrom) <= moment)) continue;
    if (!isAbsent(view.validUntil) && !(moment < Date.parse(view.validUntil))) continue;
    for (const category of view.categories) if (isDataCategory(category)) categories.add(category);
  }
  return categories;
}

function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}
