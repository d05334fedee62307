import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ActivationEvent, ALL_DATA_CATEGORIES, DataCategory } from '#domain';
import {
  allEventTypes,
  categoriesAt,
  categoriesCarried,
  primaryCategoryOf,
} from '../catalogue/activation-events.catalogue.js';
import { sampleEvent } from '../catalogue/catalogue.fixtures.js';
import { Leaf, leavesOf } from '../catalogue/field-paths.js';
import { redact } from './redact.js';

/*
 * Properties of the one redaction function over every event type of the catalogue and every set of
 * categories. Events are variations of the complete samples: every leaf gets a random value, every field
 * and array element may be missing or repeated, and a finding may be of any category. Every text is
 * prefixed with a marker unique within the event, so a withheld text can be looked for in the output.
 */

const RUNS = { numRuns: 300 };
const ALL = new Set(ALL_DATA_CATEGORIES);

/** Keys whose values are lists of categories, which the classification reads rather than carries. */
const CATEGORY_LISTS = new Set(['categories', 'findingCategories', 'subjectCategories']);
/** Keys whose values are one category that decides the category of the content (a corrected entry's too). */
const CATEGORY_KEYS = new Set(['category', 'entryCategory']);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Values of the same shape as the sample, with any key left out and arrays of 0 to 3 elements. */
function variationOf(sample: unknown, key?: string): fc.Arbitrary<Json> {
  // The finding's category decides the category of its content; any category, not only those a finding may have.
  if (key !== undefined && CATEGORY_KEYS.has(key)) return fc.constantFrom(...ALL_DATA_CATEGORIES);
  // What a narrative's author declared, and the categories of the findings a measure names.
  if (key !== undefined && CATEGORY_LISTS.has(key))
    return fc.subarray([...ALL_DATA_CATEGORIES], { minLength: 1 }).map((list) => [...list].sort());
  if (typeof sample === 'string') return fc.string({ maxLength: 8 });
  if (typeof sample === 'number') return fc.integer({ min: 0, max: 10_000_000 });
  if (typeof sample === 'boolean') return fc.boolean();
  if (Array.isArray(sample)) return fc.array(variationOf(sample[0]), { maxLength: 3 });
  const record = sample as Record<string, unknown>;
  const shape = Object.fromEntries(Object.keys(record).map((k) => [k, variationOf(record[k], k)]));
  // The keys the classification reads are always written with what they classify.
  const requiredKeys = Object.keys(record).filter((k) => CATEGORY_KEYS.has(k) || CATEGORY_LISTS.has(k));
  return fc.record(shape, { requiredKeys }) as fc.Arbitrary<Json>;
}

function withMarkers(data: Json): Json {
  let next = 0;
  const mark = (value: Json, key?: string): Json => {
    if (typeof value === 'string')
      return key !== undefined && CATEGORY_KEYS.has(key) ? value : `⦃${next++}⦄${value}`;
    if (Array.isArray(value))
      return key !== undefined && CATEGORY_LISTS.has(key) ? value : value.map((element) => mark(element));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mark(v, k)]));
    }
    return value;
  };
  return mark(data);
}

const anyEvent: fc.Arbitrary<ActivationEvent> = fc.oneof(
  ...allEventTypes().map((type) =>
    fc
      .oneof(
        // The complete sample itself, as often as a variation, so every field is exercised with every grant set.
        fc.constant(sampleEvent(type).data as unknown as Json),
        variationOf(sampleEvent(type).data),
      )
      .map(withMarkers)
      .map((data) => ({ type, data }) as unknown as ActivationEvent),
  ),
);

const anyGrants = fc.subarray([...ALL_DATA_CATEGORIES]).map((categories) => new Set(categories));

function isSubset(categories: readonly DataCategory[], granted: ReadonlySet<DataCategory>): boolean {
  return categories.every((category) => granted.has(category));
}

function valueAt(data: unknown, location: readonly (string | number)[]): unknown {
  return location.reduce<unknown>(
    (value, key) =>
      value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key],
    data,
  );
}

/** The input leaf is withheld when the agency lacks one of its categories. */
function withheldLeaves(event: ActivationEvent, granted: ReadonlySet<DataCategory>): Leaf[] {
  return leavesOf(event.data).filter(
    (leaf) => leaf.value !== null && !isSubset(categoriesAt(event, leaf.path)!, granted),
  );
}

describe('redact, for every event type and every set of categories', () => {
  it('hides the event exactly when the agency lacks its primary category', () => {
    fc.assert(
      fc.property(anyEvent, anyGrants, (event, granted) => {
        const visible = redact(event, granted);
        expect(visible === undefined).toBe(!granted.has(primaryCategoryOf(event)));
      }),
      RUNS,
    );
  });

  it('puts out no value of a category the agency lacks, and moves no value elsewhere', () => {
    fc.assert(
      fc.property(anyEvent, anyGrants, (event, granted) => {
        const visible = redact(event, granted);
        if (!visible) return;
        for (const leaf of leavesOf(visible.data)) {
          if (leaf.value === null) continue;
          expect({ path: leaf.path, categories: categoriesAt(event, leaf.path) }).toEqual({
            path: leaf.path,
            categories: expect.any(Array),
          });
          expect({ path: leaf.path, visible: isSubset(categoriesAt(event, leaf.path)!, granted) }).toEqual({
            path: leaf.path,
            visible: true,
          });
          expect(valueAt(event.data, leaf.location)).toBe(leaf.value);
        }
        const serialised = JSON.stringify(visible);
        for (const leaf of withheldLeaves(event, granted)) {
          const marker = typeof leaf.value === 'string' ? /^⦃\d+⦄/.exec(leaf.value)?.[0] : undefined;
          if (marker)
            expect({ path: leaf.path, leaked: serialised.includes(marker) }).toEqual({
              path: leaf.path,
              leaked: false,
            });
        }
      }),
      RUNS,
    );
  });

  it('withholds no more than it must: every value the agency may see is there, in its place', () => {
    fc.assert(
      fc.property(anyEvent, anyGrants, (event, granted) => {
        const visible = redact(event, granted);
        if (!visible) return;
        for (const leaf of leavesOf(event.data)) {
          if (isSubset(categoriesAt(event, leaf.path)!, granted)) {
            expect({ path: leaf.path, value: valueAt(visible.data, leaf.location) }).toEqual({
              path: leaf.path,
              value: leaf.value,
            });
          }
        }
      }),
      RUNS,
    );
  });

  it('lists as withheld exactly the categories it removed, and as carried those it left', () => {
    fc.assert(
      fc.property(anyEvent, anyGrants, (event, granted) => {
        const visible = redact(event, granted);
        if (!visible) return;
        const withheld = new Set<DataCategory>();
        for (const leaf of withheldLeaves(event, granted)) {
          for (const category of categoriesAt(event, leaf.path)!)
            if (!granted.has(category)) withheld.add(category);
        }
        expect(visible.withheld).toEqual([...withheld].sort());
        const carried = new Set([primaryCategoryOf(event)]);
        for (const leaf of leavesOf(visible.data)) {
          if (leaf.value !== null)
            categoriesAt(event, leaf.path)!.forEach((category) => carried.add(category));
        }
        expect(visible.carried).toEqual([...carried].sort());
        expect(isSubset(visible.carried, granted)).toBe(true);
      }),
      RUNS,
    );
  });

  it('shows no object or array that held only withheld data, so no count of hidden things shows', () => {
    fc.assert(
      fc.property(anyEvent, anyGrants, (event, granted) => {
        const visible = redact(event, granted);
        if (!visible) return;
        const containers = (value: unknown, location: (string | number)[] = []): (string | number)[][] => {
          if (value === null || typeof value !== 'object') return [];
          const children = Object.entries(value).flatMap(([key, child]) =>
            containers(child, [...location, Array.isArray(value) ? Number(key) : key]),
          );
          return location.length === 0 ? children : [location, ...children];
        };
        for (const location of containers(visible.data)) {
          const shown = leavesOf(valueAt(visible.data, location)).filter((leaf) => leaf.value !== null);
          const held = leavesOf(valueAt(event.data, location)).filter((leaf) => leaf.value !== null);
          // Either something in it is visible, or it held nothing to hide.
          expect({ location, husk: shown.length === 0 && held.length > 0 }).toEqual({
            location,
            husk: false,
          });
        }
      }),
      RUNS,
    );
  });

  it('shows the whole event, unchanged, to an agency holding every category', () => {
    fc.assert(
      fc.property(anyEvent, (event) => {
        expect(redact(event, ALL)).toEqual({
          type: event.type,
          data: event.data,
          withheld: [],
          carried: categoriesCarried(event).sort(),
        });
      }),
      RUNS,
    );
  });

  it('never changes its input and always gives the same answer', () => {
    fc.assert(
      fc.property(anyEvent, anyGrants, (event, granted) => {
        const before = structuredClone(event);
        const first = JSON.stringify(redact(event, granted));
        expect(event).toEqual(before);
        expect(JSON.stringify(redact(event, new Set([...granted].reverse())))).toBe(first);
      }),
      RUNS,
    );
  });

  it('fails closed on junk: unknown keys, values of the wrong shape, categories that are none', () => {
    const junk = fc.dictionary(
      fc.oneof(
        fc.constantFrom('category', 'subjects', 'location', 'employer', 'source', 'themes', 'agency'),
        fc.string(),
      ),
      fc.jsonValue() as fc.Arbitrary<Json>,
      { maxKeys: 3 },
    );
    fc.assert(
      fc.property(anyEvent, junk, anyGrants, (event, extra, granted) => {
        const mangled = {
          type: event.type,
          data: { ...(event.data as object), ...extra },
        } as unknown as ActivationEvent;
        const visible = redact(mangled, granted);
        if (!visible) return;
        for (const leaf of leavesOf(visible.data)) {
          if (leaf.value === null) continue;
          let categories: readonly DataCategory[] | undefined;
          try {
            categories = categoriesAt(mangled, leaf.path);
          } catch {
            categories = undefined;
          }
          expect({
            path: leaf.path,
            shown: categories !== undefined && isSubset(categories, granted),
          }).toEqual({
            path: leaf.path,
            shown: true,
          });
          // Elements left out of an array move the later ones up, so inside arrays the value must come
          // from the same schema path, not the same index.
          if (leaf.location.some((step) => typeof step === 'number')) {
            const atPath = leavesOf(mangled.data).filter((original) => original.path === leaf.path);
            expect(atPath.map((original) => original.value)).toContain(leaf.value);
          } else {
            expect(valueAt(mangled.data, leaf.location)).toBe(leaf.value);
          }
        }
      }),
      RUNS,
    );
  });
});
