import type { ActionField, ActionSpec } from './action-table';

/** What a form holds per field name: text as typed, a checkbox's state, a chosen file. */
export type Values = Readonly<Record<string, string | boolean | File | undefined>>;

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
  value === undefined || value === false || (typeof value === 'string' && value.trim() === '');

/** The first values of a form: a select's first option, everything else empty. */
export function initialValues(spec: ActionSpec): Values {
  return Object.fromEntries(
    spec.fields.map((field) => [field.name, field.kind === 'select' ? field.options![0] : undefined]),
  );
}

/** What the form itself finds wrong before sending (message ids per field): required, or no amount. */
export function problemsOf(spec: ActionSpec, values: Values): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of spec.fields) {
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

function converted(field: ActionField, value: string | boolean): unknown {
  if (field.kind === 'datetime') return new Date(String(value)).toISOString();
  if (field.kind === 'euros') return centsOf(String(value));
  return typeof value === 'string' ? value.trim() : value;
}

/**
 * The command's input from the form: each filled field at its path, the ids of what the command creates
 * set to its command id, an entry field's kind at its own path. Files are uploaded before (their field then
 * holds the upload's id).
 */
export function inputOf(
  spec: ActionSpec,
  values: Values,
  activationId: string,
  commandId: string,
): Record<string, unknown> {
  const input: Record<string, unknown> = { activationId, commandId };
  for (const own of spec.ownIds ?? []) input[own] = commandId;
  for (const field of spec.fields) {
    const value = values[field.name];
    if (isEmpty(value) || value instanceof File || value === undefined) continue;
    if (field.kind === 'entry') {
      const [kind, id] = String(value).split('|') as [string, string];
      setPath(input, field.name, id);
      if (field.kindAt) setPath(input, field.kindAt, kind);
    } else setPath(input, field.name, converted(field, value));
  }
  return input;
}
