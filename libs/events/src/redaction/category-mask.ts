import { ALL_DATA_CATEGORIES, DataCategory } from '#domain';

/*
 * Categories as bits of one integer, so "does the agency hold every category this field needs" is one AND
 * per field instead of a set lookup per category. Bits follow the alphabetical order of the category names,
 * so reading a mask back yields a sorted list without sorting.
 */

const ORDERED: readonly DataCategory[] = [...ALL_DATA_CATEGORIES].sort();
const BITS: ReadonlyMap<string, number> = new Map(ORDERED.map((category, index) => [category, 1 << index]));

export type CategoryMask = number;

/** The mask of some categories; anything that is not a category adds nothing. */
export function maskOf(categories: Iterable<unknown>): CategoryMask {
  let mask = 0;
  for (const category of categories) mask |= BITS.get(category as string) ?? 0;
  return mask;
}

/** The categories of a mask, sorted by name, distinct; a fresh array each call. */
export function categoriesOf(mask: CategoryMask): DataCategory[] {
  const categories: DataCategory[] = [];
  for (let index = 0; index < ORDERED.length && mask >>> index !== 0; index++) {
    if ((mask >>> index) & 1) categories.push(ORDERED[index]);
  }
  return categories;
}
