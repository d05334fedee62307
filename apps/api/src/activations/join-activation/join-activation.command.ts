import { CommandHandler } from '@nestjs/cqrs';
import type { JoinActivation } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
} from '../shared/activation-use-case.command.js';
import { JoinActivationInput } from './join-activation.input.js';

export class JoinActivationCommand extends ActivationUseCaseCommand<JoinActivationInput> {}

@CommandHandler(JoinActivationCommand)
export class JoinActivationHandler extends ActivationUseCaseHandler<JoinActivationCommand> {
  protected toPayload(fields: CommandFields<JoinActivationInput>): CommandPayload<JoinActivation> {
    return { type: 'JoinActivation', ...fields };
  }
}
