import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DataCategory, Role } from '#domain';
import { SubjectIdType } from '#events';
import { ProcessingPurpose } from '../processing-purpose.enum.js';

registerEnumType(SubjectIdType, {
  name: 'SubjectIdType',
  description:
    'How a pseudonym was made (dpl.core.data_subject_id_type): BSN (one person across cases), CASE_SUBJECT (activation and subject id), SUBJECT_ID (lines from before: the subject id alone, answered within its activation), UNNAMED.',
});

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

  @Field(() => String, {
    nullable: true,
    description:
      "The read's own W3C span id (16 hex characters); null on lines written before spans were logged.",
  })
  spanId!: string | null;

  @Field(() => String, { nullable: true, description: "The request's span, within which the read ran." })
  parentSpanId!: string | null;

  @Field({
    description:
      'The processing activity served, as the URI of its register entry and version (dpl.core.processing_activity_id).',
  })
  activityUri!: string;

  @Field({ description: 'OK, or ERROR (the standard status of the processing action).' })
  status!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The linked audit record naming who read (null on lines written before it was kept apart).',
  })
  auditId!: string | null;

  @Field(() => String, { nullable: true, description: 'The request id in the api logs (x-request-id).' })
  requestId!: string | null;

  @Field({ description: 'Who read, from the linked audit record.' })
  userId!: string;

  @Field()
  agency!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ProcessingPurpose, {
    nullable: true,
    description:
      'The built-in purpose the read declared; null when it declared another entry of the register (see activityUri).',
  })
  purpose!: ProcessingPurpose | null;

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
      "The subject's pseudonym (HMAC-SHA256, see subjectType), or 'unnamed' for data naming no one by id.",
  })
  subjectRef!: string;

  @Field(() => SubjectIdType)
  subjectType!: SubjectIdType;
}
