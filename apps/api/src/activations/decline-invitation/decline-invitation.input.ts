import { DataCategory } from '#domain';
import { Field, InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { IsText, TextCategories } from '../../input/index.js';

@InputType({ description: 'The agency that declines is the one in your token.' })
export class DeclineInvitationInput extends ActivationCommandInput {
  @Field({ description: 'Why your agency does not take part; the inviter reads it on the joint timeline.' })
  @IsText()
  reason!: string;

  @TextCategories('reason for declining')
  reasonCategories?: DataCategory[];
}
