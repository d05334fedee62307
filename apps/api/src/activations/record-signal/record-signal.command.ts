import { CommandHandler } from '@nestjs/cqrs';
import type { RecordSignal } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
  NewId,
} from '../shared/activation-use-case.command.js';
import { RecordSignalInput } from './record-signal.input.js';

export class RecordSignalCommand extends ActivationUseCaseCommand<RecordSignalInput> {}

@CommandHandler(RecordSignalCommand)
export class RecordSignalHandler extends ActivationUseCaseHandler<RecordSignalCommand> {
  protected toPayload(
    { signalId, ...signal }: CommandFields<RecordSignalInput>,
    newId: NewId,
  ): CommandPayload<RecordSignal> {
    return { type: 'RecordSignal', ...signal, signalId: newId(signalId) };
  }
}
