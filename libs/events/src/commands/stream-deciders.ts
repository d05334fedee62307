import {
  ActivationCommand,
  ActivationError,
  ActivationEvent,
  ActivationState,
  AgreementCommand,
  AgreementContext,
  AgreementError,
  AgreementEvent,
  AgreementState,
  CommandContext,
  decideActivation,
  decideAgreement,
  foldActivation,
  foldAgreement,
  prepareActivationCommand,
  prepareAgreementCommand,
} from '#domain';
import { catalogueEntry } from '../catalogue/activation-events.catalogue.js';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS } from '../catalogue/agreement-events.catalogue.js';
import { activationStreamId, agreementStreamId } from '../store/stream-ids.js';
import { StreamDecider } from './command-executor.js';

export const activationStreams: StreamDecider<
  ActivationCommand,
  CommandContext,
  ActivationEvent,
  ActivationState,
  ActivationError
> = {
  prepare: prepareActivationCommand,
  streamId: (command) => activationStreamId(command.activationId),
  fold: foldActivation,
  decide: decideActivation,
  schemaVersion: (type) => catalogueEntry(type).schemaVersion,
};

export const agreementStreams: StreamDecider<
  AgreementCommand,
  AgreementContext,
  AgreementEvent,
  AgreementState,
  AgreementError
> = {
  prepare: prepareAgreementCommand,
  streamId: (command) => agreementStreamId(command.agreementId),
  fold: foldAgreement,
  decide: decideAgreement,
  schemaVersion: (type) => AGREEMENT_EVENT_SCHEMA_VERSIONS[type],
};
