import { Args, Query, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '#domain';
import { EventStore } from '#events';
import { AgreementArgs, knownAgreement } from '../agreements/index.js';
import { CurrentActor, ReadableBy } from '../auth/index.js';
import { previewOf } from './agreement-preview.js';
import { AgreementPreview } from './agreement-preview.type.js';

const POLICY_ADMINS = {
  roles: [Role.POLICY_ADMIN],
  refusal: () =>
    'Only a policy admin of a party to the agreement previews what it shows; ask your policy admin.',
};

@Resolver(() => AgreementPreview)
export class AgreementPreviewResolver {
  constructor(private readonly store: EventStore) {}

  @Query(() => AgreementPreview, {
    description:
      'What the recipient agency would see of a fictitious sample activation under the agreement: the proposal ' +
      'waiting for a decision if there is one, else its terms as they stand. Policy admins of a party only ' +
      '(FORBIDDEN for other roles); NOT_FOUND unless your agency is party to it, as for a missing id.',
  })
  @ReadableBy(POLICY_ADMINS)
  async agreementPreview(
    @Args() { id }: AgreementArgs,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementPreview> {
    const { state } = await knownAgreement(this.store, id, actor, { recipientToo: false });
    const categories = [...(state.pending?.categories ?? state.categories)];
    const { entries, withheld } = previewOf(new Set(categories));
    return {
      agreementId: state.agreementId,
      agency: state.agency,
      proposal: state.pending !== undefined,
      categories,
      withheld,
      entries: entries.map((entry) => ({
        ...entry,
        occurredAt: new Date(entry.occurredAt),
        corrected: false,
        correctedAt: null,
        withdrawn: false,
        withdrawnAt: null,
      })),
    };
  }
}
