import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { session } from '../../session/auth';
import { DialogButton } from '../../shared/dialog';
import type { TimelineEntry } from '../use-timeline';
import { ActionForm } from './ActionForm';
import { ACTION_GROUPS, type ActivationFacts, type Offeree } from './action-table';

/** What the one signed in is to the activation, as far as the console knows (the api knows the rest). */
function offereesOf(facts: ActivationFacts): readonly Offeree[] {
  const signedIn = session();
  if (!signedIn) return [];
  return [
    ...(signedIn.agency === facts.leadAgency ? (['lead'] as const) : []),
    ...(facts.participants.includes(signedIn.agency) ? (['participant'] as const) : []),
    ...(signedIn.role === 'COORDINATOR' ? (['coordinator'] as const) : []),
  ];
}

/**
 * What one can do on an activation: each action of the table offered to them as a button opening its form
 * in a dialog. The api decides who may (the lead, the region's coordinator, a participant) and says why not
 * at the field; an action the table offers to some only (transferring the lead) is not shown to others.
 */
export function ActivationActions({
  activation,
  entries,
  onDone,
}: {
  readonly activation: ActivationFacts & { readonly id: string };
  readonly entries: readonly TimelineEntry[];
  readonly onDone: () => void;
}) {
  const intl = useIntl();
  const [outcome, setOutcome] = useState<{ name: string; queued: boolean }>();
  const offerees = offereesOf(activation);
  const groups = ACTION_GROUPS.map((group) => ({
    ...group,
    actions: group.actions.filter(
      (spec) => !spec.offeredTo || spec.offeredTo.some((offeree) => offerees.includes(offeree)),
    ),
  })).filter((group) => group.actions.length > 0);
  return (
    <section aria-labelledby="actions-heading" className="keten-actions">
      <h2 className="utrecht-heading-2" id="actions-heading">
        <FormattedMessage id="actions.heading" />
      </h2>
      {groups.map((group) => (
        <div key={group.name} className="keten-actions__group">
          <h3 className="utrecht-heading-3" id={`actions-${group.name}`}>
            <FormattedMessage id={`actions.group.${group.name}`} />
          </h3>
          <ul className="keten-actions__list" aria-labelledby={`actions-${group.name}`}>
            {group.actions.map((spec) => (
              <li key={spec.name}>
                <DialogButton label={`action.${spec.name}`}>
                  {(close) => (
                    <ActionForm
                      spec={spec}
                      activationId={activation.id}
                      facts={activation}
                      entries={entries}
                      onDone={(queued) => {
                        setOutcome({ name: spec.name, queued });
                        close();
                        if (!queued) onDone();
                      }}
                    />
                  )}
                </DialogButton>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p className="utrecht-paragraph" role="status" data-testid="action-outcome">
        {outcome && (
          <FormattedMessage
            id={outcome.queued ? 'actions.queued' : 'actions.done'}
            values={{ action: intl.formatMessage({ id: `action.${outcome.name}` }) }}
          />
        )}
      </p>
    </section>
  );
}
