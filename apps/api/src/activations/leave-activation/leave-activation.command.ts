import { CommandHandler } from '@nestjs/cqrs';
import type { LeaveActivation } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
} from '../shared/activation-use-case.command.js';
import { LeaveActivationInput } from './leave-activation.input.js';

export class LeaveActivationCommand extends ActivationUseCaseCommand<LeaveActivationInput> {}

@CommandHandler(LeaveActivationCommand)
export class LeaveActivationHandler extends ActivationUseCaseHandler<LeaveActivationCommand> {
  protected toPayload(fields: CommandFields<LeaveActivationInput>): CommandPayload<LeaveActivation> {
    return { type: 'LeaveActivation', ...fields };
  }
}
