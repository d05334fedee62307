import { Field, ObjectType } from '@nestjs/graphql';
import { ActivationView } from '../shared/activation.type.js';

@ObjectType('PersonFound', {
  description: 'A person the search found by name or BSN, as your agency sees them in the activation.',
})
export class PersonFoundView {
  @Field(() => String, { nullable: true, description: 'The id of the person within the activation.' })
  subjectId!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  bsn!: string | null;
}

@ObjectType('SearchHit', { description: 'An activation the search found, best matches first.' })
export class SearchHitView {
  @Field(() => ActivationView)
  activation!: ActivationView;

  @Field(() => [PersonFoundView], {
    description:
      'The persons in it the search found by name or BSN: only persons your agency may see (PERSONAL), and ' +
      'each read is recorded in the access log.',
  })
  persons!: PersonFoundView[];
}
