import {
  ActivationCommand,
  ActivationError,
  ActivationEvent,
  ActivationState,
  AgreementCommand,
  AgreementError,
  AgreementEvent,
  AgreementState,
  decideActivation,
  decideAgreement,
  foldActivation,
  foldAgreement,
} from '#domain';
import { catalogueEntry } from '../catalogue/activation-events.catalogue.js';
import { AGREEMENT_EVENT_SCHEMA_VERSIONS } from '../catalogue/agreement-events.catalogue.js';
import { activationStreamId, agreementStreamId } from '../store/stream-ids.js';
import { StreamDecider } from './command-executor.js';

export const activationStreams: StreamDecider<
  ActivationCommand,
  ActivationEvent,
  ActivationState,
  ActivationError
> = {
  streamId: (command) => activationStreamId(command.activationId),
  fold: foldActivation,
  decide: decideActivation,
  schemaVersion: (type) => catalogueEntry(type).schemaVersion,
};

export const agreementStreams: StreamDecider<
  AgreementCommand,
  AgreementEvent,
  AgreementState,
  AgreementError
> = {
  streamId: (command) => agreementStreamId(command.agreementId),
  fold: foldAgreement,
  decide: decideAgreement,
  schemaVersion: (type) => AGREEMENT_EVENT_SCHEMA_VERSIONS[type],
};
