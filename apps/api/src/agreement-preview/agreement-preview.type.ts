import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '#domain';
import { TimelineEntry } from '../reads/index.js';

@ObjectType({
  description:
    'What the recipient agency of an agreement would see of a fictitious sample activation (fixed in keten, ' +
    'no case data) under the agreement’s categories, through the same redaction as every read.',
})
export class AgreementPreview {
  @Field(() => ID)
  agreementId!: string;

  @Field({ description: 'The agency whose view is previewed: the recipient of the agreement.' })
  agency!: string;

  @Field({
    description:
      'Whether the categories are those of the proposal waiting for a decision (true), or the terms as they stand (false).',
  })
  proposal!: boolean;

  @Field(() => [DataCategory], { description: 'The categories the preview applies.' })
  categories!: DataCategory[];

  @Field(() => [DataCategory], {
    description:
      'Categories of the sample the agency would not see: withheld from entries, or whole events it would not see at all.',
  })
  withheld!: DataCategory[];

  @Field(() => [TimelineEntry], {
    description:
      'The sample’s timeline as the agency would see it; an event of a category it lacks is not there, as on a real timeline.',
  })
  entries!: TimelineEntry[];
}
