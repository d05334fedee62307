import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import type { CorrectableEntryKind } from '#domain';
import { DataCategory } from '#domain';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { SubjectInput } from '../shared/activation-parts.input.js';
import { IsClientId, IsText, NestedInput, TextCategories } from '../../input/index.js';

/** The domain names the kinds of correctable entries as a string union; GraphQL needs them as an enum. */
export const EntryKind = {
  SIGNAL: 'SIGNAL',
  FINDING: 'FINDING',
} as const satisfies Record<string, CorrectableEntryKind>;
export type EntryKind = (typeof EntryKind)[keyof typeof EntryKind];
registerEnumType(EntryKind, { name: 'EntryKind', description: 'A signal or a finding of an activation.' });

/**
 * What every correction accepts besides the activation: the reason, required (AVG art. 16: the record
 * shows why it changed), classified like any narrative.
 */
@InputType({ isAbstract: true })
export class CorrectionInput extends ActivationCommandInput {
  @Field({ description: 'Why the correction is made; required.' })
  @IsText()
  reason!: string;

  @TextCategories('reason')
  reasonCategories?: DataCategory[];
}

@InputType()
export class CorrectSubjectInput extends CorrectionInput {
  @Field(() => EntryKind)
  @IsEnum(EntryKind)
  entryKind!: EntryKind;

  @Field({ description: 'The id of the signal or finding that records the person.' })
  @IsClientId()
  entryId!: string;

  @NestedInput(SubjectInput, {
    description:
      'The person as they should have been recorded, with the subjectId they have in the entry; it replaces ' +
      'what the entry says of them.',
  })
  subject!: SubjectInput;
}
