import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { RecordSignalCommand } from './record-signal.command.js';
import { RecordSignalInput } from './record-signal.input.js';

@Resolver()
export class RecordSignalResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) records a signal: what was reported about ' +
      'the activation, by whom, about which persons.',
  })
  recordSignal(
    @Args('input') input: RecordSignalInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new RecordSignalCommand(input, actor));
  }
}
