import {
  ActivationCommand,
  ActivationContext,
  ActivationError,
  ActivationEvent,
  ActivationState,
  admitActivationCommand,
  admitAgreementCommand,
  AgreementCommand,
  AgreementContext,
  AgreementError,
  AgreementEvent,
  AgreementState,
  decideActivation,
  decideAgreement,
  foldActivation,
  foldAgreement,
  prepareActivationCommand,
  prepareAgreementCommand,
  RegionalCoordination,
  SAFETY_REGIONS_COORDINATE,
} from '#domain';
import { catalogueEntry, withNarrativeDefaults } from '../catalogue/activation-events.catalogue.js';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS } from '../catalogue/agreement-events.catalogue.js';
import { activationStreamId, agreementStreamId } from '../store/stream-ids.js';
import { StreamDecider } from './command-executor.js';
import { CaseNumbers } from '../store/case-numbers.table.js';

export type ActivationStreams = StreamDecider<
  ActivationCommand,
  ActivationContext,
  ActivationEvent,
  ActivationState,
  ActivationError
>;

/**
 * The activation streams, with who coordinates which region. What the decider decides is stored with its
 * free text classified (withNarrativeDefaults): the catalogue is the one place that knows what an event
 * carries, so it, not the domain, fills in the categories an author left out.
 */
export function activationStreamsWith(
  coordination: RegionalCoordination,
  caseNumbers?: CaseNumbers,
): ActivationStreams {
  return {
    prepare: (input, context) => prepareActivationCommand(input, context, coordination),
    admit: admitActivationCommand,
    // An activation gets its case number when it is opened: only for a stream not opened yet.
    ...(caseNumbers && {
      complete: async (command, state, context) =>
        command.type === 'OpenActivation' && !state.opened
          ? {
              ...context,
              caseNumber: await caseNumbers.allocate(command.activationId, command.region, context.now),
            }
          : context,
    }),
    streamId: (command) => activationStreamId(command.activationId),
    fold: foldActivation,
    decide: (command, state, context) => {
      const decision = decideActivation(command, state, context);
      return decision.ok ? { ok: true, events: decision.events.map(withNarrativeDefaults) } : decision;
    },
    schemaVersion: (type) => catalogueEntry(type).schemaVersion,
  };
}

/** The activation streams where each safety region alone coordinates its activations. */
export const activationStreams: ActivationStreams = activationStreamsWith(SAFETY_REGIONS_COORDINATE);

export const agreementStreams: StreamDecider<
  AgreementCommand,
  AgreementContext,
  AgreementEvent,
  AgreementState,
  AgreementError
> = {
  prepare: prepareAgreementCommand,
  admit: admitAgreementCommand,
  streamId: (command) => agreementStreamId(command.agreementId),
  fold: foldAgreement,
  decide: decideAgreement,
  schemaVersion: (type) => AGREEMENT_EVENT_SCHEMA_VERSIONS[type],
};
