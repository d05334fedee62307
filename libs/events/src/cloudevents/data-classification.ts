import { DataCategory } from '#domain';

/**
 * The attributes of the CloudEvents data-classification extension
 * (https://github.com/cloudevents/spec/blob/main/cloudevents/extensions/data-classification.md).
 * Its `datacategory` is a GDPR label, not one of keten's data categories: those travel in `ketencategories`.
 */
export interface DataClassificationAttributes {
  dataclassification: 'confidential' | 'restricted';
  dataregulation?: 'GDPR';
  datacategory?: 'standard' | 'sensitive' | 'special-category';
}

/**
 * Classifies a message by the categories it carries. Case data of public bodies is never public, so the
 * floor is `confidential`; data about persons is `restricted` under the GDPR, health data being a special
 * category (art. 9) and criminal-offence signals sensitive (art. 10). A message may be classified too
 * strictly, never too loosely: a HEALTH finding counts as personal even when its names were withheld.
 */
export function dataClassification(carried: readonly DataCategory[]): DataClassificationAttributes {
  const has = (category: DataCategory) => carried.includes(category);
  const restricted = { dataclassification: 'restricted', dataregulation: 'GDPR' } as const;
  if (has(DataCategory.HEALTH)) return { ...restricted, datacategory: 'special-category' };
  if (has(DataCategory.CRIMINAL)) return { ...restricted, datacategory: 'sensitive' };
  if (has(DataCategory.PERSONAL)) return { ...restricted, datacategory: 'standard' };
  return { dataclassification: 'confidential' };
}
