import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { ActivationCommandInput } from './activation-command.input.js';
import { FINDING_IDS_MAX, IsClientId } from '../../input/index.js';

/** Commands on one scheduled inspection. */
@InputType({ isAbstract: true })
export class InspectionCommandInput extends ActivationCommandInput {
  @Field({ description: 'The inspection, by the id given when it was scheduled.' })
  @IsClientId()
  inspectionId!: string;
}

/** Records that may come from an inspection. */
@InputType({ isAbstract: true })
export class InspectionLinkInput extends ActivationCommandInput {
  @Field({ nullable: true, description: 'The inspection this came from, by its id; not a cancelled one.' })
  @IsOptional()
  @IsClientId()
  inspectionId?: string;
}

/** Measures that rest on an inspection and on findings of the activation. */
@InputType({ isAbstract: true })
export class EvidenceLinksInput extends InspectionLinkInput {
  @Field(() => [String], { nullable: true, description: 'The findings this rests on, by their ids.' })
  @IsOptional()
  @ArrayMaxSize(FINDING_IDS_MAX)
  @IsClientId({ each: true })
  findingIds?: string[];
}
