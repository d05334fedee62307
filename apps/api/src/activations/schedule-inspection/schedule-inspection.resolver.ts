import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { ScheduleInspectionInput } from './schedule-inspection.input.js';

export const SCHEDULE_INSPECTION: CommandMapping = { type: 'ScheduleInspection' };

@Resolver()
export class ScheduleInspectionResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) plans an inspection, together with other ' +
      'participating agencies if it names them.',
  })
  scheduleInspection(
    @Args('input') input: ScheduleInspectionInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(SCHEDULE_INSPECTION, input, actor);
  }
}
