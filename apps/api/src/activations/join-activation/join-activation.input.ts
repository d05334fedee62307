import { InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/command-options.input.js';

@InputType({ description: 'The agency that joins is the one in your token.' })
export class JoinActivationInput extends ActivationCommandInput {}
