import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { FileReportInput } from './file-report.input.js';

export const FILE_REPORT: CommandMapping = { type: 'FileReport', newIds: ['reportId'] };

@Resolver()
export class FileReportResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      "The lead agency (inspector or coordinator), or the coordinator of the activation's region, files " +
      'the written report (procesverslag) that closing requires.',
  })
  fileReport(
    @Args('input') input: FileReportInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(FILE_REPORT, input, actor);
  }
}
