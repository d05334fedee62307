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
  const carried = classified ? new Set<DataCategory>(classified.carried) : EVERY_CATEGORY;
  const categories = LOGGED_CATEGORIES.filter((category) => carried.has(category));
  if (categories.length === 0) return undefined;
  const subjectIds = leavesOf(classified?.data ?? payload)
    .filter((leaf) => /(^|\.)subjectId$/.test(leaf.path) && typeof leaf.value === 'string')
    .map((leaf) => leaf.value as string);
  return { activationId, categories, subjectIds: [...new Set(subjectIds)] };
}
