import { ArgsType, PickType } from '@nestjs/graphql';
import { TimelineArgs } from '../../reads/view-timeline/timeline.args.js';

@ArgsType()
export class TimelineSubscriptionArgs extends PickType(TimelineArgs, ['activationId'] as const, ArgsType) {}
