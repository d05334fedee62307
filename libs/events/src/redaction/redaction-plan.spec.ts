import { describe, expect, it } from '@jest/globals';
import { DataCategory } from '#domain';
import { CatalogueError, FieldClassification } from '../catalogue/field-classification.js';
import { categoriesOf, maskOf } from './category-mask.js';
import { applyRedactionPlan, compileRedactionPlan } from './redaction-plan.js';

const { CASE, LOCATION, PERSONAL, HEALTH, INCOME, CRIMINAL } = DataCategory;

/*
 * The catalogue's arrays today classify every part of an element alike, so an element is visible whole or
 * not at all. These payloads mix categories inside elements and nest arrays, to pin down the rules of
 * redaction-plan.ts for the catalogue the redactor will meet tomorrow.
 */
const FIELDS: Record<string, FieldClassification> = {
  id: CASE,
  category: CASE,
  'people[].ref': CASE,
  'people[].name': PERSONAL,
  'people[].diagnosis': [PERSONAL, HEALTH],
  'people[].addresses[].city': LOCATION,
  'grid[][]': { categoryFrom: 'category' },
  'meta.tags[]': CRIMINAL,
  'meta.note': { categoryFrom: 'category' },
};
const plan = compileRedactionPlan(CASE, FIELDS);

function redactFor(data: unknown, ...granted: DataCategory[]) {
  const result = applyRedactionPlan(plan, data, maskOf(granted));
  return {
    data: result.data,
    withheld: categoriesOf(result.withheld),
    carried: categoriesOf(result.carried),
  };
}

describe('redaction plan', () => {
  it('leaves out array elements with nothing visible, and keeps the visible parts of the others', () => {
    const data = {
      id: 'x',
      people: [
        { ref: 'p-1', name: 'Ana', diagnosis: 'covid' },
        { name: 'Ion', diagnosis: 'covid' },
        { ref: 'p-3' },
        {},
      ],
    };
    expect(redactFor(data, CASE)).toEqual({
      data: { id: 'x', people: [{ ref: 'p-1', name: null, diagnosis: null }, { ref: 'p-3' }, {}] },
      withheld: [HEALTH, PERSONAL],
      carried: [CASE],
    });
    expect(redactFor(data, CASE, PERSONAL)).toEqual({
      data: {
        id: 'x',
        people: [
          { ref: 'p-1', name: 'Ana', diagnosis: null },
          { name: 'Ion', diagnosis: null },
          { ref: 'p-3' },
          {},
        ],
      },
      withheld: [HEALTH],
      carried: [CASE, PERSONAL],
    });
  });

  it('makes an array null when no element keeps anything visible', () => {
    const data = { id: 'x', people: [{ name: 'Ana' }, { name: 'Ion', addresses: [{ city: 'Tiel' }] }] };
    expect(redactFor(data, CASE)).toEqual({
      data: { id: 'x', people: null },
      withheld: [LOCATION, PERSONAL],
      carried: [CASE],
    });
  });

  it('applies the rules at every depth of nested arrays', () => {
    const data = {
      id: 'x',
      people: [{ ref: 'p-1', addresses: [{ city: 'Tiel' }, { city: 'Ede' }] }],
      category: INCOME,
      grid: [[1, 2], [], [3]],
    };
    expect(redactFor(data, CASE)).toEqual({
      data: { id: 'x', people: [{ ref: 'p-1', addresses: null }], category: INCOME, grid: null },
      withheld: [INCOME, LOCATION],
      carried: [CASE],
    });
    expect(redactFor(data, CASE, LOCATION, INCOME).data).toEqual(data);
  });

  it('makes a nested object null when nothing in it is visible', () => {
    expect(redactFor({ id: 'x', category: HEALTH, meta: { tags: ['a'], note: 'n' } }, CASE, HEALTH)).toEqual({
      data: { id: 'x', category: HEALTH, meta: { tags: null, note: 'n' } },
      withheld: [CRIMINAL],
      carried: [CASE, HEALTH],
    });
    expect(redactFor({ id: 'x', category: HEALTH, meta: { tags: ['a'], note: 'n' } }, CASE).data).toEqual({
      id: 'x',
      category: HEALTH,
      meta: null,
    });
  });

  it('counts unknown and misshapen parts as withheld data when collapsing', () => {
    expect(redactFor({ id: 'x', meta: { secret: 's' } }, CASE, CRIMINAL).data).toEqual({
      id: 'x',
      meta: null,
    });
    expect(redactFor({ id: 'x', meta: { tags: 'a' } }, CASE, CRIMINAL).data).toEqual({ id: 'x', meta: null });
    expect(redactFor({ id: 'x', people: [{ ref: 'p-1' }, 7, 'y'] }, CASE).data).toEqual({
      id: 'x',
      people: [{ ref: 'p-1' }],
    });
    expect(redactFor({ id: 'x', meta: { secret: null } }, CASE).data).toEqual({ id: 'x', meta: {} });
  });

  it('never writes a key it was not compiled for', () => {
    const data = JSON.parse('{"id":"x","__proto__":{"polluted":true},"constructor":"c"}') as unknown;
    const { data: redacted } = redactFor(data, CASE);
    expect(redacted).toEqual({ id: 'x' });
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
  });

  it('refuses a field map that gives one part two shapes', () => {
    expect(() => compileRedactionPlan(CASE, { a: CASE, 'a.b': CASE })).toThrow(CatalogueError);
    expect(() => compileRedactionPlan(CASE, { 'a[]': CASE, 'a.b': CASE })).toThrow(CatalogueError);
    expect(() => compileRedactionPlan(CASE, { 'a[].b': CASE, 'a[][]': CASE })).toThrow(CatalogueError);
    expect(() => compileRedactionPlan(CASE, { '__proto__.a': CASE })).toThrow(CatalogueError);
    expect(() => compileRedactionPlan(CASE, { 'a..b': CASE })).toThrow(CatalogueError);
  });

  it('resolves each rule that reads the event once, however many elements share it', () => {
    let reads = 0;
    const data = {
      category: HEALTH,
      grid: [
        [1, 2, 3],
        [4, 5, 6],
      ],
    };
    const counting = new Proxy(data, {
      get(target, key, receiver) {
        if (key === 'category') reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    redactFor(counting, CASE, HEALTH);
    // One read by the walk itself (the field is part of the payload), one by the rule.
    expect(reads).toBe(2);
  });
});

describe('category masks', () => {
  it('round-trip to a sorted, distinct list', () => {
    expect(categoriesOf(maskOf([PERSONAL, CASE, HEALTH, CASE]))).toEqual([CASE, HEALTH, PERSONAL]);
    expect(categoriesOf(maskOf(Object.values(DataCategory)))).toEqual(
      [...Object.values(DataCategory)].sort(),
    );
    expect(categoriesOf(0)).toEqual([]);
  });
});
