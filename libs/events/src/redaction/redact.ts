import { ActivationEvent, DataCategory, isActivationEventType } from '#domain';
import { catalogueEntry, primaryCategoryOf } from '../catalogue/activation-events.catalogue.js';
import { CatalogueError, FieldClassification } from '../catalogue/field-classification.js';
import { categoriesOf, maskOf } from './category-mask.js';
import { applyRedactionPlan, compileRedactionPlan, RedactionPlan } from './redaction-plan.js';
import { VisibleActivationEvent, VisibleEvent } from './visible-event.js';

/*
 * The one place where data categories are applied (DESIGN §4). Read models, feeds and subscriptions all
 * call this, for every event and every entitled agency, so the catalogue is compiled into one plan per
 * event type on first use and each call is a single walk over the payload.
 */

const plans = new Map<string, RedactionPlan>();

function planFor(type: string): RedactionPlan | undefined {
  if (!isActivationEventType(type)) return undefined;
  let plan = plans.get(type);
  if (plan === undefined) {
    const entry = catalogueEntry(type);
    plan = compileRedactionPlan(
      typeof entry.primaryCategory === 'string' ? entry.primaryCategory : undefined,
      entry.fields as Readonly<Record<string, FieldClassification>>,
    );
    plans.set(type, plan);
  }
  return plan;
}

/**
 * The event as an agency holding `granted` may see it, or undefined when it may not see the event at all:
 * when it lacks the event's primary category, or when the catalogue does not know the event type (other
 * streams, such as agreements, are never shown to agencies through this path). No placeholder, no count.
 *
 * A field is visible only when the agency holds every category it resolves to; otherwise it is null and the
 * categories the agency lacks are listed in `withheld`. Objects and arrays whose data is all withheld become
 * null, array elements whose data is all withheld are left out, and fields the catalogue does not know are
 * left out; redaction-plan.ts says why. The input is never changed and the output shares no object or
 * array with it. The same event and grants always give the same output. It does not throw on malformed
 * data; it withholds what it cannot classify.
 */
export function redact(
  event: ActivationEvent,
  granted: ReadonlySet<DataCategory>,
): VisibleActivationEvent | undefined;
export function redact(
  event: { readonly type: string; readonly data: unknown },
  granted: ReadonlySet<DataCategory>,
): VisibleEvent | undefined;
export function redact(
  event: { readonly type: string; readonly data: unknown },
  granted: ReadonlySet<DataCategory>,
): VisibleEvent | undefined {
  const plan = planFor(event.type);
  if (plan === undefined) return undefined;
  const primary = plan.primary ?? primaryMaskOf(event);
  if (primary === undefined) return undefined;
  const grantedMask = maskOf(granted);
  if ((primary & ~grantedMask) !== 0) return undefined;
  const result = applyRedactionPlan(plan, event.data, grantedMask);
  return {
    type: event.type,
    data: result.data,
    withheld: categoriesOf(result.withheld),
    carried: categoriesOf(result.carried | primary),
  };
}

/** The primary category of an event whose type takes it from its content; undefined (hidden) when corrupt. */
function primaryMaskOf(event: { readonly type: string; readonly data: unknown }): number | undefined {
  try {
    return maskOf([primaryCategoryOf(event)]);
  } catch (error) {
    if (error instanceof CatalogueError) return undefined;
    throw error;
  }
}
