import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { RecordFindingInput } from './record-finding.input.js';

export const RECORD_FINDING: CommandMapping = { type: 'RecordFinding' };

@Resolver()
export class RecordFindingResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) records a finding in one data category; ' +
      'what others may see of it follows their data-sharing agreements for that category.',
  })
  recordFinding(
    @Args('input') input: RecordFindingInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(RECORD_FINDING, input, actor);
  }
}
