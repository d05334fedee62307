import { CommandHandler } from '@nestjs/cqrs';
import type { ScheduleInspection } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
} from '../shared/activation-use-case.command.js';
import { ScheduleInspectionInput } from './schedule-inspection.input.js';

export class ScheduleInspectionCommand extends ActivationUseCaseCommand<ScheduleInspectionInput> {}

@CommandHandler(ScheduleInspectionCommand)
export class ScheduleInspectionHandler extends ActivationUseCaseHandler<ScheduleInspectionCommand> {
  protected toPayload(fields: CommandFields<ScheduleInspectionInput>): CommandPayload<ScheduleInspection> {
    return { type: 'ScheduleInspection', ...fields };
  }
}
