import { Injectable } from '@nestjs/common';
import { activationStreamId, EventStore, PersonalDataVault, StoredEvent } from '#events';

/**
 * Finds the activations that name a person, in every agency's cases (the access request is answered for
 * the joint processing, see docs/security.md), and reads them through the event store, so their values
 * are opened as every reader sees them (an erased value reads as erased).
 */
@Injectable()
export class PersonActivations {
  constructor(
    private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  /**
   * The ids of the activations holding values of the person with this BSN (nine digits): those the event
   * store filed under the BSN's pseudonym as it sealed them (subject_activations). Never a search over
   * events.data, whose personal values are sealed.
   */
  activationsOfPerson(bsn: string): Promise<string[]> {
    return this.vault.subjectKeys.activationsOf(this.vault.pseudonyms.ofBsn(bsn));
  }

  eventsOf(activationId: string): Promise<StoredEvent[]> {
    return this.store.readStream(activationStreamId(activationId));
  }
}
