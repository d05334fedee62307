import { CommandHandler } from '@nestjs/cqrs';
import type { EscalateActivation } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
} from '../shared/activation-use-case.command.js';
import { EscalateActivationInput } from './escalate-activation.input.js';

export class EscalateActivationCommand extends ActivationUseCaseCommand<EscalateActivationInput> {}

@CommandHandler(EscalateActivationCommand)
export class EscalateActivationHandler extends ActivationUseCaseHandler<EscalateActivationCommand> {
  protected toPayload(fields: CommandFields<EscalateActivationInput>): CommandPayload<EscalateActivation> {
    return { type: 'EscalateActivation', ...fields };
  }
}
