import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ActivationKind, ActivationStatus, DataCategory, Theme } from '#domain';

export enum InboxItemKind {
  INVITATION = 'INVITATION',
  REFERRAL = 'REFERRAL',
}
export enum InboxItemState {
  /** An invitation waiting for your answer: join (joinActivation) or decline (declineInvitation). */
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  /** A referral: it asks for no answer here. */
  RECEIVED = 'RECEIVED',
}
registerEnumType(InboxItemKind, { name: 'InboxItemKind' });
registerEnumType(InboxItemState, { name: 'InboxItemState' });

@ObjectType('InboxCase', {
  description:
    'The case an inbox item is about, at CASE level only: before your agency joins it sees no more. The ' +
    'title shows when its author classified it CASE.',
})
export class InboxCaseView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  caseNumber!: string | null;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => ActivationKind, { nullable: true })
  kind!: ActivationKind | null;

  @Field(() => [Theme], { nullable: true })
  themes!: Theme[] | null;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true })
  municipality!: string | null;

  @Field(() => String, { nullable: true })
  leadAgency!: string | null;

  @Field(() => ActivationStatus, { nullable: true })
  status!: ActivationStatus | null;
}

@ObjectType('InboxItem', { description: 'An invitation or referral addressed to your agency.' })
export class InboxItemView {
  @Field(() => InboxItemKind)
  kind!: InboxItemKind;

  @Field(() => InboxItemState)
  state!: InboxItemState;

  @Field({ description: 'The agency that invited or referred yours.' })
  fromAgency!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why, as your agency may read it; null when withheld.',
  })
  reason!: string | null;

  @Field(() => InboxCaseView)
  activation!: InboxCaseView;

  @Field(() => String, { nullable: true, description: 'The reason your agency gave when it declined.' })
  answer!: string | null;

  @Field(() => [DataCategory], { description: 'Categories of this item your agency may not see.' })
  withheld!: DataCategory[];

  @Field()
  receivedAt!: Date;

  @Field(() => Date, { nullable: true })
  answeredAt!: Date | null;
}
