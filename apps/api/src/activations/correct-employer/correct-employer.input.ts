import { InputType } from '@nestjs/graphql';
import { EmployerInput } from '../shared/activation-parts.input.js';
import { CorrectionInput } from '../correct-subject/correct-subject.input.js';
import { NestedInput } from '../../input/index.js';

@InputType()
export class CorrectEmployerInput extends CorrectionInput {
  @NestedInput(EmployerInput, { description: 'The employer as it should have been recorded.' })
  employer!: EmployerInput;
}
