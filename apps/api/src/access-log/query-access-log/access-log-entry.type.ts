import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DataCategory, Role } from '#domain';
import { ProcessingPurpose } from '../processing-purpose.enum.js';

@ObjectType({
  description: "One read of one data subject's data in one activation (Logboek Dataverwerkingen).",
})
export class AccessLogEntry {
  @Field(() => ID)
  id!: string;

  @Field()
  recordedAt!: Date;

  @Field({
    description: 'The W3C trace id of the request (its traceparent), shared by all lines of one request.',
  })
  traceId!: string;

  @Field(() => String, { nullable: true, description: 'The request id in the api logs (x-request-id).' })
  requestId!: string | null;

  @Field()
  userId!: string;

  @Field()
  agency!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ProcessingPurpose)
  purpose!: ProcessingPurpose;

  @Field({ description: 'The GraphQL field that returned the data: activation, activations or timeline.' })
  operation!: string;

  @Field(() => ID)
  activationId!: string;

  @Field(() => [DataCategory], {
    description: 'The logged categories (PERSONAL, HEALTH, CRIMINAL) returned.',
  })
  categories!: DataCategory[];

  @Field({
    description:
      "The subject's pseudonym (HMAC-SHA256 of the subjectId), or 'unnamed' for data naming no one by id.",
  })
  subjectRef!: string;
}
