import { CommandHandler } from '@nestjs/cqrs';
import type { CloseActivation } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
} from '../shared/activation-use-case.command.js';
import { CloseActivationInput } from './close-activation.input.js';

export class CloseActivationCommand extends ActivationUseCaseCommand<CloseActivationInput> {}

@CommandHandler(CloseActivationCommand)
export class CloseActivationHandler extends ActivationUseCaseHandler<CloseActivationCommand> {
  protected toPayload(fields: CommandFields<CloseActivationInput>): CommandPayload<CloseActivation> {
    return { type: 'CloseActivation', ...fields };
  }
}
