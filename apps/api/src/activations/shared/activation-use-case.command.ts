import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Command, ICommandHandler } from '@nestjs/cqrs';
import type { ActivationCommand, Actor } from '#domain';
import { ActivationCommandExecutor, CommandPayload } from '../activation-command.executor.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CommandOptionsInput } from './command-options.input.js';

/** A use case's command on the bus: the validated GraphQL input and the verified actor who sent it. */
export abstract class ActivationUseCaseCommand<
  I extends CommandOptionsInput,
> extends Command<ActivationCommandResult> {
  constructor(
    readonly input: I,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The input without the command options, which the executor takes apart from the payload. */
export type CommandFields<I extends CommandOptionsInput> = Omit<I, keyof CommandOptionsInput>;

/**
 * The id of something a command creates when the caller gave none. It is the command id when there is one,
 * so an honest retry carries the same payload (and hash) and is answered with the first result instead of
 * CONFLICT; without a command id there is no retry to recognise, and a new UUID will do.
 */
export type NewId = (given: string | undefined) => string;

/**
 * Every activation use case: map the input to the domain command, then let the executor decide and append.
 * Subclasses only write the mapping.
 */
@Injectable()
export abstract class ActivationUseCaseHandler<
  C extends ActivationUseCaseCommand<CommandOptionsInput>,
> implements ICommandHandler<ActivationUseCaseCommand<CommandOptionsInput>> {
  constructor(private readonly executor: ActivationCommandExecutor) {}

  execute({ input, actor }: C): Promise<ActivationCommandResult> {
    const { commandId, expectedVersion, ...fields } = input;
    const newId: NewId = (given) => given ?? commandId ?? randomUUID();
    return this.executor.execute(this.toPayload(fields as CommandFields<C['input']>, newId), actor, {
      commandId,
      expectedVersion,
    });
  }

  protected abstract toPayload(
    fields: CommandFields<C['input']>,
    newId: NewId,
  ): CommandPayload<ActivationCommand>;
}
