import { ALL_DATA_CATEGORIES, DataCategory, isDataCategory } from './data-category.enum.js';
import { describeInput } from './value-error.js';

/**
 * Free text, with the data categories its author says it contains. What people type says whatever they
 * type into it (names, BSNs, infections, exploitation), so it cannot take the category of the field it
 * sits in: it is visible only to an agency holding every category it carries. `categories` is absent
 * when the author declared none; the event catalogue then gives it the categories its event carries
 * (at least PERSONAL) before the event is stored, so a stored narrative always has them.
 */
export interface Narrative {
  readonly text: string;
  readonly categories?: readonly DataCategory[];
}

/** The sibling field that carries a narrative's declared categories: `description` → `descriptionCategories`. */
export function categoriesFieldOf(field: string): string {
  return `${field}Categories`;
}

/** Declared categories: distinct, sorted; undefined when none were given. */
export function parseDeclaredCategories(
  value: unknown,
): { ok: true; value: DataCategory[] | undefined } | { ok: false; message: string } {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (!Array.isArray(value) || value.length === 0) {
    return {
      ok: false,
      message:
        'The categories of a text must be a list of at least one data category; leave them out for the default.',
    };
  }
  const unknown = value.find((category) => !isDataCategory(category));
  if (unknown !== undefined) {
    return {
      ok: false,
      message: `${describeInput(unknown)} is not a data category; use ${ALL_DATA_CATEGORIES.join(', ')}.`,
    };
  }
  return { ok: true, value: [...new Set(value as DataCategory[])].sort() };
}
