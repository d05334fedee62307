import { Field, InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { IsAgencyCode } from '../../input/index.js';

@InputType()
export class InviteAgencyInput extends ActivationCommandInput {
  @Field({ description: 'The agency to invite, such as UWV, GM0599, VR17 or GGD17.' })
  @IsAgencyCode()
  agency!: string;
}
