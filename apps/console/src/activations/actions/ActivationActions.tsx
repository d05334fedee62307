import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { DialogButton } from '../../shared/dialog';
import type { TimelineEntry } from '../use-timeline';
import { ActionForm } from './ActionForm';
import { ACTION_GROUPS } from './action-table';

/**
 * What one can do on an activation: each action of the table as a button opening its form in a dialog. The
 * api decides who may (the lead, the region's coordinator, a participant) and says why not at the field.
 */
export function ActivationActions({
  activationId,
  entries,
  onDone,
}: {
  readonly activationId: string;
  readonly entries: readonly TimelineEntry[];
  readonly onDone: () => void;
}) {
  const intl = useIntl();
  const [outcome, setOutcome] = useState<{ name: string; queued: boolean }>();
  return (
    <section aria-labelledby="actions-heading" className="keten-actions">
      <h2 className="utrecht-heading-2" id="actions-heading">
        <FormattedMessage id="actions.heading" />
      </h2>
      {ACTION_GROUPS.map((group) => (
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
                      activationId={activationId}
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
