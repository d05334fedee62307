import { ALL_DATA_CATEGORIES, DataCategory } from '#domain';
import { leavesOf, redact } from '#events';

/** The categories whose return to a reader is logged (DESIGN §4 "Access log"). */
export const LOGGED_CATEGORIES: readonly DataCategory[] = [
  DataCategory.CRIMINAL,
  DataCategory.HEALTH,
  DataCategory.PERSONAL,
];

const EVERY_CATEGORY: ReadonlySet<DataCategory> = new Set(ALL_DATA_CATEGORIES);

/** Logged data one read returned of one activation, and the persons it names. */
export interface Disclosure {
  readonly activationId: string;
  readonly categories: readonly DataCategory[];
  readonly subjectIds: readonly string[];
  /** The BSN the payload gives beside a subject id, by subject id (the same subject object). */
  readonly bsnOf?: ReadonlyMap<string, string>;
}

/**
 * What of the logged categories an already redacted payload still carries, by the catalogue: the one
 * redaction function, run with every category granted, withholds nothing and reports the categories of
 * the non-null values left (`carried`). The persons are the non-null `subjectId`s in the payload.
 *
 * A type the catalogue does not know cannot be classified, so it counts as carrying every logged
 * category: a read may log too much, never too little.
 */
export function disclosureOf(activationId: string, type: string, payload: unknown): Disclosure | undefined {
  const classified = redact({ type, data: payload }, EVERY_CATEGORY);
  return disclosureOfVisible(activationId, {
    data: classified?.data ?? payload,
    carried: classified ? classified.carried : [...EVERY_CATEGORY],
  });
}

/**
 * The same for a payload the one redaction function has just classified (a feed row as its agency sees it
 * now, with the categories it carries): no second redaction on the delivery path.
 */
export function disclosureOfVisible(
  activationId: string,
  visible: { readonly data: unknown; readonly carried: readonly DataCategory[] },
): Disclosure | undefined {
  const carried = new Set<DataCategory>(visible.carried);
  const categories = LOGGED_CATEGORIES.filter((category) => carried.has(category));
  if (categories.length === 0) return undefined;
  const leaves = leavesOf(visible.data);
  const subjectIds = leaves
    .filter((leaf) => /(^|\.)subjectId$/.test(leaf.path) && typeof leaf.value === 'string')
    .map((leaf) => leaf.value as string);
  // A subject object carries subjectId and bsn side by side (the same category, so a reader sees both or
  // neither): pair them by the object they sit in.
  const owner = (location: readonly (string | number)[]) => JSON.stringify(location.slice(0, -1));
  const bsnAt = new Map(
    leaves
      .filter((leaf) => /(^|\.)bsn$/.test(leaf.path) && typeof leaf.value === 'string')
      .map((leaf) => [owner(leaf.location), leaf.value as string]),
  );
  const bsnOf = new Map<string, string>();
  for (const leaf of leaves) {
    if (!/(^|\.)subjectId$/.test(leaf.path) || typeof leaf.value !== 'string') continue;
    const bsn = bsnAt.get(owner(leaf.location));
    if (bsn !== undefined) bsnOf.set(leaf.value, bsn);
  }
  return { activationId, categories, subjectIds: [...new Set(subjectIds)], bsnOf };
}
