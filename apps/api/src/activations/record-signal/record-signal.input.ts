import { InputType, IntersectionType } from '@nestjs/graphql';
import { SignalInput } from '../shared/activation-parts.input.js';
import { ActivationCommandInput } from '../shared/activation-command.input.js';

/** The signal's own fields at the top level, so the domain's field paths (subjects[0].bsn) match the input. */
@InputType()
export class RecordSignalInput extends IntersectionType(ActivationCommandInput, SignalInput) {}
