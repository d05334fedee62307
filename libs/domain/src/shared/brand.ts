declare const brand: unique symbol;

/**
 * A brand keeps a parsed value apart from a raw string at compile time while it stays a plain
 * string at runtime, so events that carry it remain plain JSON. Brands nest: a SafetyRegion is
 * also an AgencyCode, because each brand is a separate key under one symbol.
 */
export type Brand<T, Name extends string> = T & { readonly [brand]: { readonly [K in Name]: true } };
