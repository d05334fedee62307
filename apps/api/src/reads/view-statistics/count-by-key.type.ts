import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class CountByKey {
  @Field()
  key!: string;

  @Field(() => Int, {
    description:
      'How many with this key: distinct activations, or the measures, inspections or findings the field counts.',
  })
  count!: number;
}
