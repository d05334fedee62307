import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { CorrectionInput, EntryKind } from '../correct-subject/correct-subject.input.js';
import { IsClientId } from '../../input/index.js';

@InputType()
export class WithdrawEntryInput extends CorrectionInput {
  @Field(() => EntryKind)
  @IsEnum(EntryKind)
  entryKind!: EntryKind;

  @Field({ description: 'The id of the signal or finding recorded on the wrong activation.' })
  @IsClientId()
  entryId!: string;
}
