import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor } from '#domain';
import { ActivationCommandExecutor } from '../activation-command.executor.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { toDomainSignal } from '../shared/signal.mapping.js';
import { OpenActivationInput } from './open-activation.input.js';

export class OpenActivationCommand extends Command<ActivationCommandResult> {
  constructor(
    readonly input: OpenActivationInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@CommandHandler(OpenActivationCommand)
export class OpenActivationHandler implements ICommandHandler<OpenActivationCommand> {
  constructor(private readonly executor: ActivationCommandExecutor) {}

  execute({ input, actor }: OpenActivationCommand): Promise<ActivationCommandResult> {
    const { commandId, expectedVersion, initialSignal, ...fields } = input;
    return this.executor.execute(
      {
        type: 'OpenActivation',
        ...fields,
        activationId: input.activationId ?? randomUUID(),
        initialSignal: initialSignal && toDomainSignal(initialSignal),
      },
      actor,
      { commandId, expectedVersion },
    );
  }
}
