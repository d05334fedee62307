import { CommandHandler } from '@nestjs/cqrs';
import type { InviteAgency } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
} from '../shared/activation-use-case.command.js';
import { InviteAgencyInput } from './invite-agency.input.js';

export class InviteAgencyCommand extends ActivationUseCaseCommand<InviteAgencyInput> {}

@CommandHandler(InviteAgencyCommand)
export class InviteAgencyHandler extends ActivationUseCaseHandler<InviteAgencyCommand> {
  protected toPayload(fields: CommandFields<InviteAgencyInput>): CommandPayload<InviteAgency> {
    return { type: 'InviteAgency', ...fields };
  }
}
