import { CommandHandler } from '@nestjs/cqrs';
import type { CompleteInspection } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
} from '../shared/activation-use-case.command.js';
import { CompleteInspectionInput } from './complete-inspection.input.js';

export class CompleteInspectionCommand extends ActivationUseCaseCommand<CompleteInspectionInput> {}

@CommandHandler(CompleteInspectionCommand)
export class CompleteInspectionHandler extends ActivationUseCaseHandler<CompleteInspectionCommand> {
  protected toPayload(fields: CommandFields<CompleteInspectionInput>): CommandPayload<CompleteInspection> {
    return { type: 'CompleteInspection', ...fields };
  }
}
