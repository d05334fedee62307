import { ActivationEvent, DataCategory, type SubjectPseudonyms } from '#domain';
import { catalogueEntry, categoriesAt } from '../catalogue/activation-events.catalogue.js';
import type { CategoryRule, FieldClassification } from '../catalogue/field-classification.js';
import { leavesOf, type Leaf } from '../catalogue/field-paths.js';
import { type ContentKeys, isSealed, open, seal, type SealedValue, type SubjectKey } from './sealed-value.js';

/** The categories whose values are sealed: personal data, and the special categories of art. 9 and 10. */
export const SEALED_CATEGORIES: ReadonlySet<DataCategory> = new Set([
  DataCategory.PERSONAL,
  DataCategory.HEALTH,
  DataCategory.CRIMINAL,
]);

/**
 * The ref of an activation's own values that name no one subject (a reporter, a health detail). Refs are
 * the pseudonyms the access log names subjects by (SubjectPseudonym), supplied by the caller, so that this
 * module holds no secret.
 */
export const activationRef = (refs: SubjectPseudonyms, activationId: string) =>
  refs.ofCaseSubject(activationId, '');

/**
 * Which keys each sealed leaf of the event goes under. Every sealed leaf is under the activation's own key,
 * so destroying the activation's record (retention) shreds all of it and nothing of other cases. A leaf of
 * a person (`subjects[].…`, `subject.…`) is also under that person's keys: as a subject of this case, and
 * by their BSN where the event gives one, so erasing the person everywhere, or only in this case, shreds
 * it. Any other sealed leaf is under every named person's keys too: free text beside them may speak of
 * them, so erasing any one of them erases it.
 */
export function sealingPlan(
  event: ActivationEvent,
  activationId: string,
  refs: SubjectPseudonyms,
): Map<Leaf, readonly string[]> {
  const sources = classificationSources(event);
  const persons = personsOf(event, activationId, refs);
  const own = activationRef(refs, activationId);
  const everyone = [own, ...new Set([...persons.values()].flat())];
  const plan = new Map<Leaf, readonly string[]>();
  for (const leaf of leavesOf(event.data)) {
    if (leaf.value === null || sources.has(leaf.path)) continue;
    const categories = categoriesAt(event, leaf.path) ?? [];
    if (!categories.some((category) => SEALED_CATEGORIES.has(category))) continue;
    const person = persons.get(personKeyOf(leaf.location));
    plan.set(leaf, person ? [own, ...person] : everyone);
  }
  return plan;
}

/**
 * The event's data with every personal leaf sealed under the keys the plan names (`keys` holds them by ref).
 * Leaves under the same keys share their content key (derived once for the call, `contentKeys` to share it
 * further, within one batch).
 */
export function sealPayload(
  event: ActivationEvent,
  plan: ReadonlyMap<Leaf, readonly string[]>,
  keys: ReadonlyMap<string, SubjectKey>,
  contentKeys: ContentKeys = new Map(),
): unknown {
  const data = structuredClone(event.data) as unknown;
  for (const [leaf, refs] of plan) {
    setAt(
      data,
      leaf.location,
      seal(
        leaf.value,
        refs.map((ref) => keys.get(ref)!),
        contentKeys,
      ),
    );
  }
  return data;
}

/** The ids of the keys the sealed values of a payload need. */
export function keyIdsIn(data: unknown): string[] {
  const ids = new Set<string>();
  walkSealed(data, (sealed) => sealed.keys.forEach((id) => ids.add(id)));
  return [...ids];
}

/**
 * The payload with its sealed values opened, ERASED where a key is gone; plain values are left as they are.
 * Only the objects and arrays on the way to a sealed value are copied: the rest is the payload's own (a
 * rebuild opens every event, most of whose fields hold nothing sealed). Values under the same keys share
 * their content key, derived once for the call (`contentKeys` to share it across the payloads of a batch
 * read with the same keys).
 */
export function openPayload(
  data: unknown,
  keyOf: (id: string) => Buffer | undefined,
  contentKeys: ContentKeys = new Map(),
): unknown {
  if (typeof data !== 'object' || data === null) return data;
  if (isSealed(data)) return open(data, keyOf, contentKeys);
  if (Array.isArray(data)) {
    let copy: unknown[] | undefined;
    data.forEach((element, index) => {
      const opened = openPayload(element, keyOf, contentKeys);
      if (opened !== element) (copy ??= [...data])[index] = opened;
    });
    return copy ?? data;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(data)) {
    const opened = openPayload(value, keyOf, contentKeys);
    if (opened !== value) (copy ??= { ...data })[key] = opened;
  }
  return copy ?? data;
}

function walkSealed(data: unknown, visit: (sealed: SealedValue) => void): void {
  if (isSealed(data)) visit(data);
  else if (Array.isArray(data)) data.forEach((element) => walkSealed(element, visit));
  else if (typeof data === 'object' && data !== null)
    Object.values(data).forEach((v) => walkSealed(v, visit));
}

/**
 * The leaves the catalogue reads categories from (a finding's `category`, a narrative's declared
 * `categories`): names of categories, not personal data, and needed in the clear to classify the rest.
 */
function classificationSources(event: ActivationEvent): Set<string> {
  const fields = catalogueEntry(event.type).fields as Readonly<Record<string, FieldClassification>>;
  const sources = new Set<string>();
  for (const classification of Object.values(fields)) {
    const rules = (Array.isArray(classification) ? classification : [classification]) as CategoryRule[];
    for (const rule of rules) {
      if (typeof rule !== 'object') continue;
      if ('categoryFrom' in rule) sources.add(rule.categoryFrom);
      if ('categoriesFrom' in rule) sources.add(`${rule.categoriesFrom}[]`);
    }
  }
  return sources;
}

/** Each person of the event by where they sit (`subjects.0`, `subject`), with their refs: as a case subject, and by BSN. */
function personsOf(
  event: ActivationEvent,
  activationId: string,
  refs: SubjectPseudonyms,
): Map<string, string[]> {
  const persons = new Map<string, string[]>();
  const data = event.data as { subjects?: unknown; subject?: unknown };
  const refsOf = (person: unknown) => {
    const { bsn, subjectId } = (person ?? {}) as { bsn?: unknown; subjectId?: unknown };
    const ofCase = refs.ofCaseSubject(activationId, typeof subjectId === 'string' ? subjectId : '?');
    return typeof bsn === 'string' && bsn !== '' ? [ofCase, refs.ofBsn(bsn)] : [ofCase];
  };
  if (Array.isArray(data.subjects)) {
    data.subjects.forEach((person, index) => persons.set(`subjects.${index}`, refsOf(person)));
  }
  if (typeof data.subject === 'object' && data.subject !== null) persons.set('subject', refsOf(data.subject));
  return persons;
}

function personKeyOf(location: readonly (string | number)[]): string {
  if (location[0] === 'subjects' && typeof location[1] === 'number') return `subjects.${location[1]}`;
  return location[0] === 'subject' && location.length > 1 ? 'subject' : '';
}

function setAt(data: unknown, location: readonly (string | number)[], value: unknown): void {
  let parent = data as Record<string | number, unknown>;
  for (const step of location.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  parent[location[location.length - 1]!] = value;
}
