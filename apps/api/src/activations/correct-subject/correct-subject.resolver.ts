import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping } from '../../commands/index.js';
import { ActivationCommands } from '../activation-commands.service.js';
import { ActivationCommandResult } from '../command-result.type.js';
import { CorrectSubjectInput } from './correct-subject.input.js';

export const CORRECT_SUBJECT: CommandMapping = { type: 'CorrectSubject' };

@Resolver()
export class CorrectSubjectResolver {
  constructor(private readonly activations: ActivationCommands) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'The agency that recorded a signal or finding corrects a person in it (name, BSN, birth date, ' +
      'nationality), with the reason (AVG art. 16). Every agency that may see the persons of that entry sees ' +
      'the corrected person, on its timeline and feeds; the original stays in the event store.',
  })
  correctSubject(
    @Args('input') input: CorrectSubjectInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    return this.activations.execute(CORRECT_SUBJECT, input, actor);
  }
}
