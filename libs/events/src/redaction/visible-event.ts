import { ActivationEventDataMap, ActivationEventType, DataCategory } from '#domain';

/**
 * An event as one agency may see it. `data` keeps the payload's shape, with withheld parts null (see
 * redaction-plan.ts for objects, arrays and unknown fields).
 */
export interface VisibleEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  /**
   * The categories the agency lacks of data this event held and that was withheld from it: sorted by name,
   * distinct. Empty when nothing was withheld.
   */
  readonly withheld: DataCategory[];
  /**
   * The categories of the data left in `data`, together with the event's primary category (its existence
   * is data of that category): sorted by name, distinct, always a subset of what the agency holds. For the
   * CloudEvents data-classification attribute and for deciding whether a read must be logged.
   */
  readonly carried: DataCategory[];
}

/** A payload field as an agency may see it: any value may be null, and so may any object or array. */
export type Redacted<T> = T extends undefined
  ? undefined
  : T extends string | number | boolean
    ? T | null
    : T extends readonly (infer Element)[]
      ? readonly Redacted<Element>[] | null
      : { readonly [K in keyof T]: Redacted<T[K]> } | null;

/** A payload as an agency may see it: the payload object itself is always there. */
export type RedactedData<T> = { readonly [K in keyof T]: Redacted<T[K]> };

export type VisibleActivationEvent = {
  [T in ActivationEventType]: VisibleEvent<T, RedactedData<ActivationEventDataMap[T]>>;
}[ActivationEventType];
