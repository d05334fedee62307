/**
 * The kinds of data an agreement can grant (DESIGN §4). Every field of every event belongs to one;
 * HEALTH is special-category data (GDPR art. 9) and CRIMINAL is criminal-offence data (art. 10).
 */
export enum DataCategory {
  CASE = 'CASE',
  LOCATION = 'LOCATION',
  EMPLOYER = 'EMPLOYER',
  PERSONAL = 'PERSONAL',
  HEALTH = 'HEALTH',
  INCOME = 'INCOME',
  BENEFITS = 'BENEFITS',
  TAX = 'TAX',
  CRIMINAL = 'CRIMINAL',
  INTERVENTION = 'INTERVENTION',
  REPORT = 'REPORT',
}

export const ALL_DATA_CATEGORIES: readonly DataCategory[] = Object.values(DataCategory);

export function isDataCategory(value: unknown): value is DataCategory {
  return typeof value === 'string' && (ALL_DATA_CATEGORIES as readonly string[]).includes(value);
}

/**
 * The categories from the most sensitive down: criminal-offence data (GDPR art. 10) and special-category
 * health data (art. 9) first, then personal data, then what tax, income and benefits say of a business and
 * its workers, then enforcement, the report, the employer, the address, and the bare case.
 */
export const CATEGORIES_BY_SENSITIVITY: readonly DataCategory[] = [
  DataCategory.CRIMINAL,
  DataCategory.HEALTH,
  DataCategory.PERSONAL,
  DataCategory.TAX,
  DataCategory.INCOME,
  DataCategory.BENEFITS,
  DataCategory.INTERVENTION,
  DataCategory.REPORT,
  DataCategory.EMPLOYER,
  DataCategory.LOCATION,
  DataCategory.CASE,
];

/** How sensitive a set of categories is: the rank of its most sensitive one (0 is the most; higher is less). */
export function sensitivityOf(categories: Iterable<DataCategory>): number {
  let rank = CATEGORIES_BY_SENSITIVITY.length;
  for (const category of categories) rank = Math.min(rank, CATEGORIES_BY_SENSITIVITY.indexOf(category));
  return rank;
}
