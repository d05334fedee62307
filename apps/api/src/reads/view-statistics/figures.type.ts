import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { CountByKey } from './count-by-key.type.js';

@ObjectType({ description: 'Days from opening to closing of the closed activations in scope.' })
export class DaysToClose {
  @Field(() => Int, { description: 'Closed activations counted.' })
  closed!: number;

  @Field(() => Float, { nullable: true, description: 'The median, in days (null when none is closed).' })
  median!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The 90th percentile (nearest rank), in days (null when none is closed).',
  })
  p90!: number | null;
}

@ObjectType({
  description:
    'A figure that counts less than happened, because your agreements (for the declared activity) do not let you see all of it.',
})
export class NotVisibleFigure {
  @Field({ description: 'The figure, e.g. measures, referralsByAgency, findingsByCategory.' })
  figure!: string;

  @Field(() => Int, {
    description: 'Activations in scope of which this figure counts nothing or not everything.',
  })
  activations!: number;

  @Field(() => [String], { description: 'The data categories you lack for it there.' })
  categories!: string[];
}

@ObjectType({
  description:
    'The LOT-C figures of what happened in the activations in scope, counted from the events your agency sees: a measure, referral or finding you may not see is not counted, and notVisible says where.',
})
export class ActivityFigures {
  @Field(() => [CountByKey], {
    description: 'Measures imposed per type: WARNING, ORDER, FINE, CLOSURE, REFERRAL.',
  })
  measures!: CountByKey[];

  @Field(() => Float, { description: 'The fines imposed, added up, in euro cents.' })
  fineTotalEuroCents!: number;

  @Field(() => [CountByKey], { description: 'Referrals per receiving agency.' })
  referralsByAgency!: CountByKey[];

  @Field(() => [CountByKey], { description: 'Inspections: SCHEDULED, COMPLETED, CANCELLED.' })
  inspections!: CountByKey[];

  @Field(() => [CountByKey], { description: 'Findings per category.' })
  findingsByCategory!: CountByKey[];

  @Field(() => DaysToClose)
  daysToClose!: DaysToClose;

  @Field(() => [CountByKey], { description: 'Activations per participating agency.' })
  byParticipatingAgency!: CountByKey[];

  @Field(() => [NotVisibleFigure], { description: 'What these figures do not count for you, and why.' })
  notVisible!: NotVisibleFigure[];
}
