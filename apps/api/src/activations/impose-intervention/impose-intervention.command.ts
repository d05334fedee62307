import { CommandHandler } from '@nestjs/cqrs';
import type { ImposeIntervention } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
  NewId,
} from '../shared/activation-use-case.command.js';
import { ImposeInterventionInput } from './impose-intervention.input.js';

export class ImposeInterventionCommand extends ActivationUseCaseCommand<ImposeInterventionInput> {}

@CommandHandler(ImposeInterventionCommand)
export class ImposeInterventionHandler extends ActivationUseCaseHandler<ImposeInterventionCommand> {
  protected toPayload(
    { interventionId, ...fields }: CommandFields<ImposeInterventionInput>,
    newId: NewId,
  ): CommandPayload<ImposeIntervention> {
    return { type: 'ImposeIntervention', ...fields, interventionId: newId(interventionId) };
  }
}
