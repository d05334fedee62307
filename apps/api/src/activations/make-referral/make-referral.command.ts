import { CommandHandler } from '@nestjs/cqrs';
import type { MakeReferral } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
  NewId,
} from '../shared/activation-use-case.command.js';
import { MakeReferralInput } from './make-referral.input.js';

export class MakeReferralCommand extends ActivationUseCaseCommand<MakeReferralInput> {}

@CommandHandler(MakeReferralCommand)
export class MakeReferralHandler extends ActivationUseCaseHandler<MakeReferralCommand> {
  protected toPayload(
    { referralId, ...fields }: CommandFields<MakeReferralInput>,
    newId: NewId,
  ): CommandPayload<MakeReferral> {
    return { type: 'MakeReferral', ...fields, referralId: newId(referralId) };
  }
}
