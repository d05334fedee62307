import { DataCategory } from '#domain';
import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { ActivationCommandInput } from '../../activations/index.js';
import { IsText, NAME_MAX } from '../../input/index.js';

@InputType()
export class AttachDocumentInput extends ActivationCommandInput {
  @Field(() => ID, { description: 'The uploadId POST /attachments answered, of an upload of your agency.' })
  @IsUUID('all', { message: 'uploadId must be the uploadId POST /attachments answered' })
  uploadId!: string;

  @Field({
    description: 'What the document is, e.g. "Proces-verbaal controle 12 maart" or "Foto slaapruimte".',
  })
  @IsText(NAME_MAX)
  title!: string;

  @Field(() => [DataCategory], {
    nullable: true,
    description:
      'The data categories the document (and its title) contains: only agencies holding every one of them may ' +
      'download it. Left out: those of the most sensitive event of the activation your agency sees (CASE left ' +
      'out; PERSONAL when that leaves nothing).',
  })
  @IsOptional()
  @ArrayMinSize(1, { message: '$property must name at least one category, or be left out' })
  @ArrayMaxSize(11)
  @IsEnum(DataCategory, {
    each: true,
    message: '$property must list data categories such as PERSONAL or HEALTH',
  })
  categories?: DataCategory[];
}
