import type { ActionField, ActionSpec, ActivationFacts } from './action-table';

/** What a form holds per field name: text as typed, a checkbox's state, the agencies chosen, a chosen file. */
export type Values = Readonly<Record<string, string | boolean | readonly string[] | File | undefined>>;

/** A yesNo field's values, yes first. */
export const YES_NO = ['true', 'false'] as const;

/** The options of a select or yesNo field. */
export const optionsOf = (field: ActionField): readonly string[] =>
  field.kind === 'yesNo' ? YES_NO : field.options!;

/** Whether a field is shown (and sent): always, or while the yesNo field it depends on says yes. */
export const isShown = (field: ActionField, values: Values): boolean =>
  !field.when || values[field.when] === 'true';

/** The agencies a field offers from what the console read of the activation. */
export function agenciesOf(field: ActionField, facts: ActivationFacts | undefined): readonly string[] {
  const participants = facts?.participants ?? [];
  return field.agencies === 'others'
    ? participants.filter((agency) => agency !== facts?.leadAgency)
    : participants;
}

/** The entry chosen in an entry field: `<kind>|<id>` (the kind empty for an inspection). */
export const entryValue = (id: string, kind = ''): string => `${kind}|${id}`;

/** Euros as people type them (1250, 1.250,50, 1250.5) in whole cents; undefined for anything else. */
export function centsOf(typed: string): number | undefined {
  const compact = typed.replace(/[\s€]/g, '');
  const normal = compact.includes(',') ? compact.replace(/\./g, '').replace(',', '.') : compact;
  if (!/^\d+(\.\d{1,2})?$/.test(normal)) return undefined;
  return Math.round(Number(normal) * 100);
}

const isEmpty = (value: Values[string]): boolean =>
  value === undefined ||
  value === false ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

function initialValue(field: ActionField, facts: ActivationFacts | undefined): Values[string] {
  if (field.initial) return facts?.[field.initial];
  if (field.kind === 'select' || field.kind === 'yesNo') return optionsOf(field)[0];
  return field.kind === 'agencies' ? [] : undefined;
}

/** The first values of a form: the activation's own where a field says so, a select's first option, none chosen. */
export function initialValues(spec: ActionSpec, facts?: ActivationFacts): Values {
  return Object.fromEntries(spec.fields.map((field) => [field.name, initialValue(field, facts)]));
}

/** What the form itself finds wrong before sending (message ids per field): required, or no amount. */
export function problemsOf(spec: ActionSpec, values: Values): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of spec.fields.filter((candidate) => isShown(candidate, values))) {
    const value = values[field.name];
    if (isEmpty(value)) {
      if (field.required) problems[field.name] = 'form.required';
    } else if (field.kind === 'euros' && centsOf(String(value)) === undefined)
      problems[field.name] = 'form.euros';
  }
  return problems;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[keys.at(-1)!] = value;
}

function converted(field: ActionField, value: string | boolean | readonly string[]): unknown {
  if (field.kind === 'datetime') return new Date(String(value)).toISOString();
  if (field.kind === 'euros') return centsOf(String(value));
  if (field.kind === 'yesNo') return value === 'true';
  return typeof value === 'string' ? value.trim() : value;
}

/**
 * The command's input from the form: each filled field that is shown at its path (an agencies field always,
 * empty when none are chosen or it is not shown), the ids of what the command creates set to its command id,
 * an entry field's kind at its own path, the version read when the action is versioned. Files are uploaded
 * before (their field then holds the upload's id).
 */
export function inputOf(
  spec: ActionSpec,
  values: Values,
  activationId: string,
  commandId: string,
  facts?: ActivationFacts,
): Record<string, unknown> {
  const input: Record<string, unknown> = { activationId, commandId };
  if (spec.versioned && facts) input.expectedVersion = facts.version;
  for (const own of spec.ownIds ?? []) input[own] = commandId;
  for (const field of spec.fields) {
    const value = isShown(field, values) ? values[field.name] : undefined;
    if (field.kind === 'agencies') setPath(input, field.name, [...((value as readonly string[]) ?? [])]);
    if (field.kind === 'agencies' || isEmpty(value) || value instanceof File || value === undefined) continue;
    if (field.kind === 'entry') {
      const [kind, id] = String(value).split('|') as [string, string];
      setPath(input, field.name, id);
      if (field.kindAt) setPath(input, field.kindAt, kind);
    } else setPath(input, field.name, converted(field, value));
  }
  return input;
}
