import { Narrative } from './narrative.value.js';

/**
 * The shape a command arrives in before it is parsed: the typed command with every parsed value (a
 * branded code, an enum) as the plain JSON value it is written as, and every narrative as its text with
 * the declared categories in a sibling field (`description` and `descriptionCategories`). One definition
 * of each command, so the raw and the parsed shape cannot drift apart. A raw command is still only a
 * claim: the parsers read it as `unknown`, because it may come from JSON that never met these types.
 */
export type Raw<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer Element)[]
        ? readonly Raw<Element>[]
        : T extends object
          ? RawObject<T>
          : T;

/** Fields that are narratives: exactly the Narrative type (a legal basis with a `text` is not one). */
type NarrativeKeys<T> = {
  [K in keyof T]-?: [NonNullable<T[K]>] extends [Narrative]
    ? [Narrative] extends [NonNullable<T[K]>]
      ? K
      : never
    : never;
}[keyof T];

// Key remapping with `as` keeps each field's optionality.
type RawObject<T> = {
  readonly [K in keyof T as K extends NarrativeKeys<T> ? never : K]: Raw<T[K]>;
} & {
  readonly [K in keyof T as K extends NarrativeKeys<T> ? K : never]: string;
} & {
  readonly [
    K in keyof T as K extends NarrativeKeys<T> ? `${K & string}Categories` : never
  ]?: readonly string[];
};
