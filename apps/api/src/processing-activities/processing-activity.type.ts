import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { SelectionListCategoryView } from '../retention/index.js';

@ObjectType({ description: 'What a register command did.' })
export class ProcessingActivityCommandResult {
  @Field(() => ID)
  activityId!: string;

  @Field({ description: 'The entry stream version after the command, for `expectedVersion`.' })
  version!: string;

  @Field(() => [ID])
  eventIds!: string[];

  @Field()
  duplicate!: boolean;
}

@ObjectType({ description: 'One step in the life of a register entry.' })
export class ProcessingActivityHistoryEntry {
  @Field()
  type!: string;

  @Field()
  at!: Date;

  @Field()
  by!: string;

  @Field()
  agency!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType({ description: 'An entry of the register of processing activities (AVG art. 30).' })
export class ProcessingActivity {
  @Field(() => ID)
  activityId!: string;

  @Field({ description: 'PROPOSED (not in the register yet), REGISTERED or REJECTED.' })
  status!: string;

  @Field(() => Int, { description: 'The approved version in the register (0: never approved).' })
  registerVersion!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'The URI of the entry at its registered version, as the access log names it (null: not registered).',
  })
  uri!: string | null;

  @Field()
  name!: string;

  @Field()
  purpose!: string;

  @Field()
  legalBasis!: string;

  @Field()
  legalReference!: string;

  @Field(() => [String])
  controllers!: string[];

  @Field()
  retention!: string;

  @Field(() => SelectionListCategoryView, {
    nullable: true,
    description: 'The selection-list category of its records (Archiefwet); null when none is registered.',
  })
  selectionListCategory!: SelectionListCategoryView | null;

  @Field({ description: 'Whether a proposal (the first terms or a change) waits for another controller.' })
  pending!: boolean;

  @Field({ description: 'Its stream version, an opaque token for `expectedVersion`.' })
  version!: string;

  @Field(() => [ProcessingActivityHistoryEntry])
  history!: ProcessingActivityHistoryEntry[];
}
