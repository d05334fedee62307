import { InputType } from '@nestjs/graphql';
import { LocationInput } from '../shared/activation-parts.input.js';
import { CorrectionInput } from '../correct-subject/correct-subject.input.js';
import { NestedInput } from '../../input/index.js';

@InputType()
export class CorrectLocationInput extends CorrectionInput {
  @NestedInput(LocationInput, { description: 'The location as it should have been recorded.' })
  location!: LocationInput;
}
