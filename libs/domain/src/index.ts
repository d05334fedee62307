export * from './shared/brand.js';
export * from './shared/value-error.js';
export * from './shared/decider.js';
// The rejection machinery stays inside the deciders; callers see only the Decision and its error.
export { INVALID_INPUT, type DomainError } from './shared/rejection.js';
export * from './shared/raw.js';
export * from './shared/command-context.js';
// The limits and id rule are the rules the GraphQL layer checks with, too.
export { ID_PATTERN, NAME_MAX, TEXT_MAX } from './shared/field.parser.js';
export * from './shared/data-category.enum.js';
export * from './shared/actor.value.js';
export * from './shared/agency-code.value.js';
export * from './shared/safety-region.value.js';
export * from './shared/municipality-code.value.js';
export * from './shared/municipality-regions.js';
export * from './shared/kvk-number.value.js';
export * from './shared/bsn.value.js';
export * from './shared/postcode.value.js';
export * from './shared/country-code.value.js';
export * from './shared/calendar-date.value.js';
export * from './shared/instant.value.js';
export * from './shared/euro-cents.value.js';
export * from './shared/narrative.value.js';
export * from './shared/case-number.value.js';
export * from './shared/regional-coordination.value.js';
export * from './activations/activation.vocabulary.js';
export * from './activations/activation.commands.js';
export * from './activations/activation-progress.js';
export * from './activations/activation-context.js';
export * from './activations/activation.events.js';
export * from './activations/activation.errors.js';
export * from './activations/activation.state.js';
export * from './activations/activation.decider.js';
export * from './activations/document-categories.js';
export * from './agreements/agreement.commands.js';
export * from './agreements/agreement.events.js';
export * from './agreements/agreement.errors.js';
export {
  AGREEMENT_TEXT_MAX,
  ACTIVITY_ID_MAX,
  parseActivities,
  isActivityId,
} from './agreements/agreement-command.parser.js';
export * from './agreements/agreement.state.js';
export * from './agreements/agreement.decider.js';
export * from './agreements/categories-in-force.js';
export * from './processing-activities/processing-activity.events.js';
export * from './processing-activities/processing-activity.commands.js';
export * from './processing-activities/processing-activity.errors.js';
export * from './processing-activities/processing-activity.state.js';
export * from './processing-activities/processing-activity.decider.js';
export * from './erasures/erasure.events.js';
export * from './erasures/erasure.commands.js';
export * from './erasures/erasure.errors.js';
export * from './erasures/erasure.state.js';
export * from './erasures/erasure.decider.js';
export * from './erasures/personal-data-erased.event.js';
export * from './erasures/erasure-effect.js';
export * from './shared/iso-period.value.js';
export * from './retention/archive-decision.js';
export * from './retention/activation-archive.js';
