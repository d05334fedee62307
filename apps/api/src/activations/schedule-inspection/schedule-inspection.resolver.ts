import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { ScheduleInspectionCommand } from './schedule-inspection.command.js';
import { ScheduleInspectionInput } from './schedule-inspection.input.js';

@Resolver()
export class ScheduleInspectionResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency (inspector or coordinator) plans an inspection, together with other ' +
      'participating agencies if it names them.',
  })
  scheduleInspection(
    @Args('input') input: ScheduleInspectionInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new ScheduleInspectionCommand(input, actor));
  }
}
