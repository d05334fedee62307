import { DataCategory } from '#domain';

/**
 * The list row's outcome (the strongest measure imposed) as an agency holding `categories` may see it:
 * an INTERVENTION fact, so without that category it does not learn that a measure was imposed at all.
 */
export function outcomeVisibleWith<T>(categories: ReadonlySet<DataCategory>, strongestMeasure: T): T | null {
  return categories.has(DataCategory.INTERVENTION) ? strongestMeasure : null;
}
