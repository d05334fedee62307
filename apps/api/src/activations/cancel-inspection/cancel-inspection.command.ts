import { CommandHandler } from '@nestjs/cqrs';
import type { CancelInspection } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
} from '../shared/activation-use-case.command.js';
import { CancelInspectionInput } from './cancel-inspection.input.js';

export class CancelInspectionCommand extends ActivationUseCaseCommand<CancelInspectionInput> {}

@CommandHandler(CancelInspectionCommand)
export class CancelInspectionHandler extends ActivationUseCaseHandler<CancelInspectionCommand> {
  protected toPayload(fields: CommandFields<CancelInspectionInput>): CommandPayload<CancelInspection> {
    return { type: 'CancelInspection', ...fields };
  }
}
