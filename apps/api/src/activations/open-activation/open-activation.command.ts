import { CommandHandler } from '@nestjs/cqrs';
import type { OpenActivation } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
  NewId,
} from '../shared/activation-use-case.command.js';
import { OpenActivationInput } from './open-activation.input.js';

export class OpenActivationCommand extends ActivationUseCaseCommand<OpenActivationInput> {}

@CommandHandler(OpenActivationCommand)
export class OpenActivationHandler extends ActivationUseCaseHandler<OpenActivationCommand> {
  protected toPayload(
    { activationId, initialSignal, ...fields }: CommandFields<OpenActivationInput>,
    newId: NewId,
  ): CommandPayload<OpenActivation> {
    return {
      type: 'OpenActivation',
      ...fields,
      activationId: newId(activationId),
      initialSignal: initialSignal && { ...initialSignal, signalId: newId(initialSignal.signalId) },
    };
  }
}
