/**
 * The shape a command arrives in before it is parsed: the typed command with every parsed value (a
 * branded code, an enum) as the plain JSON value it is written as. One definition of each command, so
 * the raw and the parsed shape cannot drift apart. A raw command is still only a claim: the parsers read
 * it as `unknown`, because it may come from JSON that never met these types.
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
          ? { readonly [K in keyof T]: Raw<T[K]> }
          : T;
