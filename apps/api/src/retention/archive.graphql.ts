import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { ArchiveNomination, type ArchiveDecision, type SelectionListCategory } from '#domain';

registerEnumType(ArchiveNomination, {
  name: 'ArchiveNomination',
  description: 'The Archiefwet: KEEP (bewaren, for good) or DESTROY (vernietigen, after the term).',
});

@InputType({ description: 'A category of the selection list (selectielijst) the records fall under.' })
export class SelectionListCategoryInput {
  @Field({ description: 'Its number in the list, e.g. "1.1.3".' })
  @IsString()
  @MaxLength(32)
  id!: string;

  @Field(() => ArchiveNomination)
  @IsEnum(ArchiveNomination)
  nomination!: ArchiveNomination;

  @Field({
    nullable: true,
    description:
      'DESTROY: the term from the day of closing, an ISO 8601 period such as P5Y (left out: the retention). KEEP: none.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  term?: string;
}

@ObjectType('SelectionListCategory')
export class SelectionListCategoryView {
  @Field()
  id!: string;

  @Field(() => ArchiveNomination)
  nomination!: ArchiveNomination;

  @Field(() => String, { nullable: true, description: 'The term of a DESTROY category (ISO 8601).' })
  term!: string | null;
}

export function toSelectionListCategoryView(category: SelectionListCategory): SelectionListCategoryView {
  return { id: category.id, nomination: category.nomination, term: category.term ?? null };
}

@ObjectType('ArchiveDecision', {
  description:
    "An activation's archive decision (Archiefwet), made when it closed under the selection-list category its processing activity had then.",
})
export class ArchiveDecisionView {
  @Field({ description: 'The selection-list category, e.g. "1.1.3".' })
  category!: string;

  @Field(() => ArchiveNomination)
  nomination!: ArchiveNomination;

  @Field(() => String, {
    nullable: true,
    description:
      'The day (YYYY-MM-DD, the Netherlands) from which its personal data is destroyed (archiefactiedatum); null when kept.',
  })
  actionDate!: string | null;
}

export function toArchiveDecisionView(decision: ArchiveDecision): ArchiveDecisionView {
  return { ...decision };
}

@ObjectType('DestroyedActivation', {
  description:
    'An activation whose personal data the retention job destroyed (crypto-shredding): its case facts stay, the statistics count it. No personal data.',
})
export class DestroyedActivationView {
  @Field(() => ID)
  activationId!: string;

  @Field(() => String, { nullable: true })
  caseNumber!: string | null;

  @Field()
  region!: string;

  @Field({ description: 'The selection-list category that decided it.' })
  category!: string;

  @Field({ description: 'The day it was due (archiefactiedatum, YYYY-MM-DD).' })
  actionDate!: string;

  @Field({ description: 'When the job destroyed it.' })
  executedAt!: Date;
}
