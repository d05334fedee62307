import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ArchiveRegister } from '#read-models';
import { ArchiveDecisionView, toArchiveDecisionView } from '../../retention/index.js';
import { ActivationView } from '../shared/activation.type.js';

/**
 * Activation.archiveDecision: CASE-level (a category, a nomination, a day), so whoever sees the activation
 * sees it. It follows from the close time and the register's history, not from a stored copy.
 */
@Resolver(() => ActivationView)
export class ArchiveDecisionResolver {
  constructor(private readonly register: ArchiveRegister) {}

  @ResolveField(() => ArchiveDecisionView, {
    nullable: true,
    description:
      'Its archive decision (Archiefwet): keep for good or destroy from a day, decided when it closed under the selection-list category of its processing activity (case-coordination) in force then. Null while open (reopening clears it) and when the register named no category.',
  })
  async archiveDecision(@Parent() activation: ActivationView): Promise<ArchiveDecisionView | null> {
    const decision = await this.register.decisionOf(activation);
    return decision && toArchiveDecisionView(decision);
  }
}
