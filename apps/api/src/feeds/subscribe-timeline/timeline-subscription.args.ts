import { ArgsType, PickType } from '@nestjs/graphql';
import { TimelineArgs } from '../../reads/index.js';

@ArgsType()
export class TimelineSubscriptionArgs extends PickType(TimelineArgs, ['activationId'] as const, ArgsType) {}
