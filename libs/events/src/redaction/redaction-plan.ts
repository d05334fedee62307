import { DataCategory } from '#domain';
import {
  CatalogueError,
  CategoryRule,
  FieldClassification,
  resolveClassification,
} from '../catalogue/field-classification.js';
import { CategoryMask, maskOf } from './category-mask.js';
import { ERASED, isErased } from '../personal-data/sealed-value.js';

/*
 * A redaction plan is an event type's field map turned into a tree shaped like its payload, built once per
 * type, so redacting an event is a single walk over its data: one map lookup per key and one AND per leaf.
 * Only classifications that read the event itself (a finding's category, "when the signal speaks of
 * health") are resolved per event, at most once each, however many array elements share them.
 *
 * What the walk does with the shape of the payload, so that it leaks nothing beyond the categories listed
 * as withheld:
 *
 * - A leaf the agency may not see becomes null and adds the categories it lacks to `withheld`.
 * - An object or array that held data, none of it visible, becomes null as a whole, not a husk of nulls:
 *   the husk would show which optional parts were filled in (a staffing agency, a KvK number).
 * - An array element that held data, none of it visible, is left out, and an array left with no visible
 *   element is null. Its length is data too: three nulls in a HEALTH finding's `subjects` would tell an
 *   agency without HEALTH how many workers are infected. An array whose visible elements remain keeps those.
 * - Empty objects and arrays, and nulls, carry no data of any category and pass as they are.
 * - A value erased (its subject's key deleted, issue 19) is the marker `{ "$erased": true }` where the
 *   agency may see the field, and withheld like any value where it may not: the marker tells an agency
 *   that a value was there and is gone, never what it was, and no more than the field's categories allow.
 * - Fail closed on what the catalogue does not describe: a key it does not know is left out (its name is
 *   not in any published schema, and it might be data itself), a value of the wrong shape (an object where
 *   text is expected) is null, and a field whose classification cannot be resolved from this event (a
 *   finding category that names no category) is null. None of these names a category in `withheld`,
 *   because none has one; all of them count as withheld data for the rules above.
 *
 * What an agency can still learn, by design (DESIGN §4: "null, and the category listed as withheld"): that
 * data of a category it lacks was there, and, in an object that stays because part of it is visible, which
 * of its fields were filled in (they stay as null keys; absent fields stay absent).
 */

export type FieldPlan = LeafPlan | ObjectPlan | ArrayPlan;

export interface LeafPlan {
  readonly kind: 'leaf';
  /** The categories of a classification that does not depend on the event. */
  readonly mask: CategoryMask;
  /** Index into the plan's `dynamicRules` when the classification depends on the event; -1 otherwise. */
  readonly dynamicRule: number;
}

export interface ObjectPlan {
  readonly kind: 'object';
  /** A Map, not an object: payload keys such as `constructor` or `__proto__` must not find anything. */
  readonly children: ReadonlyMap<string, FieldPlan>;
}

export interface ArrayPlan {
  readonly kind: 'array';
  readonly element: FieldPlan;
}

export interface RedactionPlan {
  /** The mask of the type's primary category; undefined when each event's content names it. */
  readonly primary: CategoryMask | undefined;
  readonly root: ObjectPlan;
  /** Distinct classifications that must be resolved against each event's data. */
  readonly dynamicRules: readonly FieldClassification[];
}

export interface PlanResult {
  /** The redacted payload: fresh objects and arrays throughout, sharing nothing mutable with the input. */
  readonly data: unknown;
  /** Categories the agency lacks, of data that was present and withheld. */
  readonly withheld: CategoryMask;
  /** Categories of the non-null values left in `data`. */
  readonly carried: CategoryMask;
}

/** Builds the plan for one event type from its primary category and field map (paths such as `subjects[].bsn`). */
export function compileRedactionPlan(
  primaryCategory: DataCategory | undefined,
  fields: Readonly<Record<string, FieldClassification>>,
): RedactionPlan {
  const root: MutableObjectPlan = { kind: 'object', children: new Map() };
  const dynamicRules: FieldClassification[] = [];
  const dynamicIndex = new Map<string, number>();
  for (const [path, classification] of Object.entries(fields)) {
    const rules: readonly CategoryRule[] = Array.isArray(classification)
      ? classification
      : [classification as CategoryRule];
    let leaf: LeafPlan;
    if (rules.every((rule) => typeof rule === 'string')) {
      leaf = { kind: 'leaf', mask: maskOf(rules), dynamicRule: -1 };
    } else {
      const key = JSON.stringify(rules);
      let index = dynamicIndex.get(key);
      if (index === undefined) {
        index = dynamicRules.push(classification) - 1;
        dynamicIndex.set(key, index);
      }
      leaf = { kind: 'leaf', mask: 0, dynamicRule: index };
    }
    insert(root, path, leaf);
  }
  return { primary: primaryCategory && maskOf([primaryCategory]), root, dynamicRules };
}

interface MutableObjectPlan extends ObjectPlan {
  readonly children: Map<string, FieldPlan>;
}

function insert(root: MutableObjectPlan, path: string, leaf: LeafPlan): void {
  const segments = path.split('.');
  let parent = root;
  segments.forEach((segment, i) => {
    const match = /^([^[\]]+)((?:\[\])*)$/.exec(segment);
    if (!match || match[1] === '__proto__') {
      throw new CatalogueError(
        `The field path ${JSON.stringify(path)} cannot be classified; fix the catalogue.`,
      );
    }
    const [, name, brackets] = match;
    const depth = brackets.length / 2;
    const last = i === segments.length - 1;
    // Build the shape this segment needs, then check it against what earlier paths built.
    let wanted: FieldPlan = last ? leaf : { kind: 'object', children: new Map() };
    for (let d = 0; d < depth; d++) wanted = { kind: 'array', element: wanted };
    const existing = parent.children.get(name);
    const node = existing === undefined ? wanted : merge(existing, wanted, path);
    parent.children.set(name, node);
    if (!last) parent = innermost(node) as MutableObjectPlan;
  });
}

function merge(existing: FieldPlan, wanted: FieldPlan, path: string): FieldPlan {
  if (existing.kind === 'array' && wanted.kind === 'array') {
    return { kind: 'array', element: merge(existing.element, wanted.element, path) };
  }
  if (existing.kind === 'object' && wanted.kind === 'object') return existing;
  throw new CatalogueError(
    `The field path ${JSON.stringify(path)} gives a part of the payload two shapes; fix the catalogue.`,
  );
}

function innermost(node: FieldPlan): FieldPlan {
  return node.kind === 'array' ? innermost(node.element) : node;
}

/** State of one walk; counters rather than return tuples, so the walk allocates only the output. */
interface Walk {
  readonly data: unknown;
  readonly granted: CategoryMask;
  readonly plan: RedactionPlan;
  /** Resolved masks of the plan's dynamic rules, -1 until needed; -2 when this event cannot resolve it. */
  readonly resolved: number[];
  withheld: CategoryMask;
  carried: CategoryMask;
  /** Non-null values met so far, and how many of them were visible. */
  content: number;
  visible: number;
}

const UNRESOLVABLE = -2;

/** Redacts a payload for an agency holding `granted`; the caller has already checked the primary category. */
export function applyRedactionPlan(plan: RedactionPlan, data: unknown, granted: CategoryMask): PlanResult {
  const walk: Walk = {
    data,
    granted,
    plan,
    resolved: plan.dynamicRules.map(() => -1),
    withheld: 0,
    carried: 0,
    content: 0,
    visible: 0,
  };
  // The payload itself is never collapsed: the event is visible, so its (possibly all-null) fields are too.
  const redacted = isRecord(data) ? redactObject(plan.root, data, walk, false) : wrongShape(data, walk);
  return { data: redacted, withheld: walk.withheld, carried: walk.carried };
}

function redactValue(plan: FieldPlan, value: unknown, walk: Walk): unknown {
  switch (plan.kind) {
    case 'leaf':
      return redactLeaf(plan, value, walk);
    case 'object':
      return isRecord(value) ? redactObject(plan, value, walk, true) : wrongShape(value, walk);
    case 'array':
      return Array.isArray(value) ? redactArray(plan, value, walk) : wrongShape(value, walk);
  }
}

function redactLeaf(plan: LeafPlan, value: unknown, walk: Walk): unknown {
  if (value === null || value === undefined) return null;
  const erased = isErased(value);
  if (!erased && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return wrongShape(value, walk);
  }
  walk.content++;
  const required = plan.dynamicRule < 0 ? plan.mask : resolve(plan.dynamicRule, walk);
  if (required === UNRESOLVABLE) return null;
  const missing = required & ~walk.granted;
  if (missing !== 0) {
    walk.withheld |= missing;
    return null;
  }
  walk.visible++;
  walk.carried |= required;
  return erased ? { ...ERASED } : value;
}

function redactObject(
  plan: ObjectPlan,
  value: Readonly<Record<string, unknown>>,
  walk: Walk,
  collapse: boolean,
): Record<string, unknown> | null {
  const content = walk.content;
  const visible = walk.visible;
  const redacted: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (child === undefined) continue;
    const childPlan = plan.children.get(key);
    if (childPlan === undefined) {
      if (child !== null) walk.content++;
      continue;
    }
    redacted[key] = redactValue(childPlan, child, walk);
  }
  return collapse && walk.content > content && walk.visible === visible ? null : redacted;
}

function redactArray(plan: ArrayPlan, value: readonly unknown[], walk: Walk): unknown[] | null {
  const content = walk.content;
  const visible = walk.visible;
  const redacted: unknown[] = [];
  for (let index = 0; index < value.length; index++) {
    const elementContent = walk.content;
    const elementVisible = walk.visible;
    const element = redactValue(plan.element, value[index], walk);
    if (walk.content > elementContent && walk.visible === elementVisible) continue;
    redacted.push(element);
  }
  return walk.content > content && walk.visible === visible ? null : redacted;
}

/** A value the catalogue does not describe in this place: withheld, but counted as data for collapsing. */
function wrongShape(value: unknown, walk: Walk): null {
  if (value !== null && value !== undefined) walk.content++;
  return null;
}

function resolve(index: number, walk: Walk): number {
  const cached = walk.resolved[index];
  if (cached !== -1) return cached;
  let mask: number;
  try {
    mask = maskOf(resolveClassification(walk.plan.dynamicRules[index], walk.data));
  } catch (error) {
    if (!(error instanceof CatalogueError)) throw error;
    mask = UNRESOLVABLE;
  }
  walk.resolved[index] = mask;
  return mask;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
