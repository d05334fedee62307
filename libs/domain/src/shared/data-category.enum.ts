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
