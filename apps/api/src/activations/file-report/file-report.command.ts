import { CommandHandler } from '@nestjs/cqrs';
import type { FileReport } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
  NewId,
} from '../shared/activation-use-case.command.js';
import { FileReportInput } from './file-report.input.js';

export class FileReportCommand extends ActivationUseCaseCommand<FileReportInput> {}

@CommandHandler(FileReportCommand)
export class FileReportHandler extends ActivationUseCaseHandler<FileReportCommand> {
  protected toPayload(
    { reportId, ...fields }: CommandFields<FileReportInput>,
    newId: NewId,
  ): CommandPayload<FileReport> {
    return { type: 'FileReport', ...fields, reportId: newId(reportId) };
  }
}
