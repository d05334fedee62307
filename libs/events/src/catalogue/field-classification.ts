import { DataCategory, isDataCategory } from '#domain';

/*
 * How a field of an event is classified. Most fields have one fixed category. Some take theirs from the
 * event itself: a finding's description is as sensitive as the finding's category says. Some need several:
 * the persons named in a HEALTH finding are PERSONAL data, and seeing them attached to that finding is
 * HEALTH data too, so only an agency holding both may see them. A field is visible only to an agency that
 * holds every category it resolves to.
 */

type Primitive = string | number | boolean | null | undefined;

/** Every leaf of a payload type as a path: `location.city`, `themes[]`, `subjects[].bsn`. */
export type LeafPath<T, Prefix extends string = ''> = T extends Primitive
  ? Prefix extends ''
    ? never
    : Prefix
  : T extends readonly (infer Element)[]
    ? LeafPath<Element, `${Prefix}[]`>
    : {
        [K in keyof T & string]-?: LeafPath<NonNullable<T[K]>, Prefix extends '' ? K : `${Prefix}.${K}`>;
      }[keyof T & string];

/** Paths outside arrays: those name a single value of the event, so a rule can read it. */
export type ScalarPath<T> = Exclude<LeafPath<T>, `${string}[]${string}`>;

/** Paths of lists outside arrays (`findingCategories`, `description.categories`): a rule can read a list there. */
export type ListPath<T> = {
  [L in LeafPath<T>]: L extends `${infer P}[]` ? (P extends `${string}[]${string}` ? never : P) : never;
}[LeafPath<T>];

export type CategoryRule<Path extends string = string, List extends string = string> =
  | DataCategory
  /** The category is the value of another field of the same event, e.g. a finding's `category`. */
  | { readonly categoryFrom: Path }
  /**
   * The categories are the values of a list in the same event: a narrative's declared `categories`, or
   * the categories of the findings a measure refers to. An absent or malformed list resolves to nothing
   * usable, and the field is withheld (fail closed).
   */
  | { readonly categoriesFrom: List }
  /** The category is required only when one of these fields is set (not absent, null, false or empty). */
  | { readonly category: DataCategory; readonly whenAnyOf: readonly Path[] };

/** One rule, or several that all apply. */
export type FieldClassification<Path extends string = string, List extends string = string> =
  CategoryRule<Path, List> | readonly CategoryRule<Path, List>[];

/** A classification for every leaf of the payload, no more and no less: a new field fails to compile until classified. */
export type FieldMap<Data> = {
  readonly [P in LeafPath<Data>]: FieldClassification<ScalarPath<Data>, ListPath<Data>>;
};

export class CatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogueError';
  }
}

/** The categories an agency must hold to see the field, resolved against the event's own data. */
export function resolveClassification(classification: FieldClassification, data: unknown): DataCategory[] {
  const rules: readonly CategoryRule[] = Array.isArray(classification)
    ? classification
    : [classification as CategoryRule];
  const categories = new Set<DataCategory>();
  for (const rule of rules) {
    if (typeof rule === 'string') {
      categories.add(rule);
    } else if ('categoryFrom' in rule) {
      const value = valueAt(data, rule.categoryFrom);
      // A corrupt category must not quietly become a weaker one; better no feed than a leak.
      if (!isDataCategory(value)) {
        throw new CatalogueError(
          `Field ${rule.categoryFrom} holds ${JSON.stringify(value)}, not a data category.`,
        );
      }
      categories.add(value);
    } else if ('categoriesFrom' in rule) {
      const value = valueAt(data, rule.categoriesFrom);
      if (!Array.isArray(value) || value.length === 0 || !value.every(isDataCategory)) {
        throw new CatalogueError(
          `Field ${rule.categoriesFrom} holds ${JSON.stringify(value)}, not a list of data categories.`,
        );
      }
      value.forEach((category) => categories.add(category));
    } else if (rule.whenAnyOf.some((path) => isSet(valueAt(data, path)))) {
      categories.add(rule.category);
    }
  }
  return [...categories];
}

function valueAt(data: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null && Object.hasOwn(value, key)
          ? (value as Record<string, unknown>)[key]
          : undefined,
      data,
    );
}

function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}
