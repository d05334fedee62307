import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import type { InfectionEvidence } from '#domain';
import { ActivationCommandInput } from '../shared/activation-command.input.js';
import { IsClientId, NestedInput } from '../../input/index.js';

/** The domain names the evidence kinds as a string union; GraphQL needs them as an enum. */
export const InfectionEvidenceKind = {
  SIGNAL: 'SIGNAL',
  FINDING: 'FINDING',
} as const satisfies Record<string, InfectionEvidence['kind']>;
export type InfectionEvidenceKind = (typeof InfectionEvidenceKind)[keyof typeof InfectionEvidenceKind];
registerEnumType(InfectionEvidenceKind, { name: 'InfectionEvidenceKind' });

@InputType()
export class InfectionEvidenceInput {
  @Field(() => InfectionEvidenceKind)
  @IsEnum(InfectionEvidenceKind)
  kind!: InfectionEvidenceKind;

  @Field({ description: 'The id of the signal or finding that reports the confirmed infection.' })
  @IsClientId()
  id!: string;
}

@InputType()
export class EscalateActivationInput extends ActivationCommandInput {
  @NestedInput(InfectionEvidenceInput, {
    description: 'The signal or finding of this activation that reports a confirmed infection.',
  })
  triggeredBy!: InfectionEvidenceInput;
}
