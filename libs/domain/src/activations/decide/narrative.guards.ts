import { bsnsIn } from '../../shared/bsn.value.js';
import { DataCategory } from '../../shared/data-category.enum.js';
import { categoriesFieldOf, Narrative } from '../../shared/narrative.value.js';
import { reject } from '../../shared/rejection.js';
import { SignalFields } from '../activation.commands.js';
import { ActivationErrorCode } from '../activation.errors.js';

/** A person the activation records, as free text might name them. */
export interface KnownPerson {
  readonly name?: string;
  readonly bsn?: string;
}

/**
 * A narrative that is not classified PERSONAL must not name a person: not a BSN (any number that passes
 * the eleven-test, as people write it), and not a person the activation records (by name or BSN). Such
 * text would reach agencies without PERSONAL under a category that says nothing of persons. An undeclared
 * narrative counts as PERSONAL only when its event itself names persons (its default then includes
 * PERSONAL); otherwise the author must declare PERSONAL, or put the person where persons belong.
 */
export function requireNoPersonBelowPersonal(
  narrative: Narrative | undefined,
  field: string,
  persons: Iterable<KnownPerson>,
  eventNamesPersons: boolean,
): void {
  if (narrative === undefined) return;
  const personal = narrative.categories
    ? narrative.categories.includes(DataCategory.PERSONAL)
    : eventNamesPersons;
  if (personal) return;
  const named = personNamedIn(narrative.text, persons);
  if (named === undefined) return;
  const categories = categoriesFieldOf(field.split('.').at(-1)!);
  reject(
    ActivationErrorCode.PERSONAL_DATA_IN_TEXT,
    `The ${field} names ${named}, but is not classified PERSONAL: record the person under subjects and ` +
      `leave them out of the text, or add PERSONAL to ${categories} so only agencies that may see persons read it.`,
    field,
  );
}

/** How the text names a person, for the refusal; undefined when it names none. */
function personNamedIn(text: string, persons: Iterable<KnownPerson>): string | undefined {
  const bsn = bsnsIn(text)[0];
  if (bsn !== undefined) return `a BSN (${bsn})`;
  const folded = fold(text);
  for (const person of persons) {
    if (person.bsn && text.replace(/[. ]/g, '').includes(person.bsn)) return `a BSN (${person.bsn})`;
    const name = person.name && fold(person.name);
    if (
      name &&
      name.length >= 3 &&
      new RegExp(`(^|[^\\p{L}\\p{N}])${escape(name)}($|[^\\p{L}\\p{N}])`, 'u').test(folded)
    ) {
      return `${person.name}, a person recorded in this activation`;
    }
  }
  return undefined;
}

/** Letters that do not decompose into a base letter and an accent, as people type them without one. */
const BASE_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
};

/** Case, accents and spacing do not make another name: "jan  kowalski" is "Jan Kowałski". */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđßæœı]/g, (letter) => BASE_LETTERS[letter])
    .replace(/\s+/g, ' ')
    .trim();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Checks every narrative of a command at once, against the persons the activation records and those the
 * command itself names (`subjects`); `namesPersons` when the event the command makes names persons.
 */
export function requireTextsFit(
  known: ReadonlyMap<string, KnownPerson> | undefined,
  texts: Readonly<Record<string, Narrative | undefined>>,
  { subjects = [], namesPersons = false }: { subjects?: readonly KnownPerson[]; namesPersons?: boolean } = {},
): void {
  const persons = [...(known?.values() ?? []), ...subjects];
  for (const [field, narrative] of Object.entries(texts)) {
    requireNoPersonBelowPersonal(narrative, field, persons, namesPersons);
  }
}

/** Whether a signal names persons: the persons it is about, or a reporter by name. */
export function namesPersons(signal: Pick<SignalFields, 'subjects' | 'source'>): boolean {
  return (signal.subjects?.length ?? 0) > 0 || signal.source.name !== undefined;
}
