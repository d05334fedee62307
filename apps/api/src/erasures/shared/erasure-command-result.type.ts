import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ErasureStatus } from './erasure-enums.graphql.js';

/**
 * What an erasure mutation answers: the request and where it stands, nothing about the person. Whether
 * keten holds anyone under the BSN or in the activation named is not in it (no count, no cases): the
 * answer is the same either way.
 */
@ObjectType('ErasureCommandResult')
export class ErasureCommandResult {
  @Field(() => ID)
  erasureId!: string;

  @Field(() => ErasureStatus)
  status!: ErasureStatus;

  @Field(() => [ID], { description: 'The events the command appended to the request’s stream.' })
  eventIds!: string[];

  @Field({ description: 'True when this commandId was handled before: the first result is returned.' })
  duplicate!: boolean;
}
