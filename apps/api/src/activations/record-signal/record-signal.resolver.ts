import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { RecordSignalInput } from './record-signal.input.js';

export const RECORD_SIGNAL: CommandMapping = { type: 'RecordSignal', newIds: ['signalId'] };

@Resolver()
export class RecordSignalResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) records a signal: what was reported about ' +
      'the activation, by whom, about which persons.',
  })
  recordSignal(
    @Args('input') input: RecordSignalInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(RECORD_SIGNAL, input, actor);
  }
}
