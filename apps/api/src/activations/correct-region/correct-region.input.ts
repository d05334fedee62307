import { Field, InputType } from '@nestjs/graphql';
import { CorrectionInput } from '../correct-subject/correct-subject.input.js';
import { IsMunicipality, IsSafetyRegion } from '../../input/index.js';

@InputType()
export class CorrectRegionInput extends CorrectionInput {
  @Field({ description: 'The safety region the activation lies in, VR01..VR25.' })
  @IsSafetyRegion()
  region!: string;

  @Field({ description: 'The CBS municipality code it lies in, e.g. GM0599.' })
  @IsMunicipality()
  municipality!: string;
}
