import { CommandHandler } from '@nestjs/cqrs';
import type { RecordFinding, FindingCategory } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
} from '../shared/activation-use-case.command.js';
import { RecordFindingInput } from './record-finding.input.js';

export class RecordFindingCommand extends ActivationUseCaseCommand<RecordFindingInput> {}

@CommandHandler(RecordFindingCommand)
export class RecordFindingHandler extends ActivationUseCaseHandler<RecordFindingCommand> {
  protected toPayload(fields: CommandFields<RecordFindingInput>): CommandPayload<RecordFinding> {
    // DataCategory is the GraphQL enum; the domain refuses CASE, INTERVENTION and REPORT as BAD_USER_INPUT.
    return { type: 'RecordFinding', ...fields, category: fields.category as FindingCategory };
  }
}
