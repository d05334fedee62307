import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { FileReportCommand } from './file-report.command.js';
import { FileReportInput } from './file-report.input.js';

@Resolver()
export class FileReportResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "A participating agency (inspector or coordinator), or the coordinator of the activation's " +
      'region, files the written report (procesverslag) that closing requires.',
  })
  fileReport(
    @Args('input') input: FileReportInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.commandBus.execute(new FileReportCommand(input, actor));
  }
}
