import { InputType } from '@nestjs/graphql';
import { ActivationCommandInput } from '../shared/activation-command.input.js';

@InputType({ description: 'The agency that joins is the one in your token.' })
export class JoinActivationInput extends ActivationCommandInput {}
