import { CommandHandler } from '@nestjs/cqrs';
import type { ReopenActivation } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
} from '../shared/activation-use-case.command.js';
import { ReopenActivationInput } from './reopen-activation.input.js';

export class ReopenActivationCommand extends ActivationUseCaseCommand<ReopenActivationInput> {}

@CommandHandler(ReopenActivationCommand)
export class ReopenActivationHandler extends ActivationUseCaseHandler<ReopenActivationCommand> {
  protected toPayload(fields: CommandFields<ReopenActivationInput>): CommandPayload<ReopenActivation> {
    return { type: 'ReopenActivation', ...fields };
  }
}
