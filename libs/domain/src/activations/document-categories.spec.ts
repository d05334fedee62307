import { describe, expect, it } from '@jest/globals';
import { DataCategory } from '../shared/data-category.enum.js';
import { defaultDocumentCategories } from './document-categories.js';

const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, CRIMINAL, INTERVENTION, REPORT } = DataCategory;

describe('the default categories of a document', () => {
  it('are those of the most sensitive event the author sees, CASE left out', () => {
    expect(
      defaultDocumentCategories([
        [CASE, LOCATION, EMPLOYER],
        [CASE, PERSONAL, HEALTH],
        [INTERVENTION, EMPLOYER],
      ]),
    ).toEqual([HEALTH, PERSONAL]);
  });

  it('join the events that tie for the most sensitive', () => {
    expect(defaultDocumentCategories([[CRIMINAL, PERSONAL], [CRIMINAL, LOCATION], [REPORT]])).toEqual([
      CRIMINAL,
      LOCATION,
      PERSONAL,
    ]);
  });

  it('are PERSONAL when the author sees nothing but the case', () => {
    expect(defaultDocumentCategories([[CASE], [CASE]])).toEqual([PERSONAL]);
    expect(defaultDocumentCategories([])).toEqual([PERSONAL]);
  });
});
