import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ActivityFigures } from './figures.type.js';
import { CountByKey } from './count-by-key.type.js';

export { CountByKey };

@ObjectType({
  description:
    'The LOT-C accountability figures over the activations your agency sees. Every count is of distinct activations; an activation has one kind, trigger, region, month and outcome but may have several themes, so byTheme may add up to more than total.',
})
export class ActivationStatistics {
  @Field(() => Int)
  total!: number;

  @Field(() => [CountByKey], { description: 'PREVENTIVE, REPRESSIVE.' })
  byKind!: CountByKey[];

  @Field(() => [CountByKey], { description: 'HOUSING, WORK, TRANSPORT, HEALTH.' })
  byTheme!: CountByKey[];

  @Field(() => [CountByKey], { description: 'OWN_OBSERVATION, EXTERNAL_REPORT.' })
  byTrigger!: CountByKey[];

  @Field(() => [CountByKey], { description: 'YES, NO, or UNDECIDED while not decided.' })
  byIntegratedDeployment!: CountByKey[];

  @Field(() => [CountByKey], { description: 'The strongest measure imposed (closure weighs most), or NONE.' })
  byOutcome!: CountByKey[];

  @Field(() => [CountByKey], { description: 'Safety regions that have activations.' })
  byRegion!: CountByKey[];

  @Field(() => [CountByKey], {
    description: 'Months (YYYY-MM, Europe/Amsterdam) in which activations were opened.',
  })
  byMonth!: CountByKey[];

  @Field(() => ActivityFigures, {
    description:
      'Measures, fines, referrals, inspections, findings, days to close and participating agencies, as your agreements let you see them.',
  })
  figures!: ActivityFigures;
}
