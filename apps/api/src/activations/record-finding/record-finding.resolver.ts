import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { RecordFindingCommand } from './record-finding.command.js';
import { RecordFindingInput } from './record-finding.input.js';

@Resolver()
export class RecordFindingResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) records a finding in one data category; ' +
      'what others may see of it follows their data-sharing agreements for that category.',
  })
  recordFinding(
    @Args('input') input: RecordFindingInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new RecordFindingCommand(input, actor));
  }
}
