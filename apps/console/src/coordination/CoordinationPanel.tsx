import { useEffect, useRef } from 'react';
import { FormattedMessage } from 'react-intl';
import { useQuery } from 'urql';
import { graphql } from '../api/generated';
import { session } from '../session/auth';
import { DownloadButton } from '../shared/download-button';
import { COORDINATED_ACTIVATION } from './coordinated-activation';
import { CorrectRegionForm } from './CorrectRegionForm';
import { IntegratedDeploymentForm } from './IntegratedDeploymentForm';
import type { ParticipationEntry } from './invitations';
import { Participation } from './Participation';
import { TransferLeadForm } from './TransferLeadForm';

const PROCESS_REPORT = graphql(`
  query ConsoleProcessReport($activationId: ID!) {
    processReport(activationId: $activationId, format: PDF) {
      ...ConsoleDocument
    }
  }
`);

/**
 * The coordinator's part of an activation: its case number, who takes part and who was invited, the
 * process report, and the actions that are the region's coordinator's (transfer the lead, decide integrated
 * deployment, correct the region). Read again whenever the timeline grows, so each command is based on
 * the activation's current version.
 */
export function CoordinationPanel({
  activationId,
  entries,
  onChanged,
}: {
  activationId: string;
  entries: readonly ParticipationEntry[];
  onChanged: () => void;
}) {
  const coordinator = session()?.role === 'COORDINATOR';
  const [{ data }, refetch] = useQuery({
    query: COORDINATED_ACTIVATION,
    variables: { id: activationId },
    pause: !coordinator,
  });
  const seen = useRef(entries.length);
  useEffect(() => {
    if (!coordinator || seen.current === entries.length) return;
    seen.current = entries.length;
    refetch({ requestPolicy: 'network-only' });
  }, [coordinator, entries.length, refetch]);
  const activation = data?.activation;
  if (!coordinator || !activation) return null;
  const done = () => {
    refetch({ requestPolicy: 'network-only' });
    onChanged();
  };
  return (
    <section aria-labelledby="coordination-heading" className="keten-coordination">
      <h2 className="utrecht-heading-2" id="coordination-heading">
        <FormattedMessage id="coordination.heading" />
      </h2>
      <dl className="keten-facts">
        <dt>
          <FormattedMessage id="coordination.caseNumber" />
        </dt>
        <dd data-testid="case-number">{activation.caseNumber}</dd>
        <dt>
          <FormattedMessage id="coordination.integrated" />
        </dt>
        <dd>
          <FormattedMessage
            id={`coordination.integrated.${activation.integratedDeployment === null ? 'undecided' : String(activation.integratedDeployment)}`}
          />
        </dd>
      </dl>
      <Participation activation={activation} entries={entries} />
      <div className="keten-actions">
        <DownloadButton
          label="coordination.processReport"
          query={PROCESS_REPORT}
          variables={{ activationId }}
          pick={(answer) => answer.processReport}
        />
      </div>
      <TransferLeadForm activation={activation} onDone={done} />
      <IntegratedDeploymentForm activation={activation} onDone={done} />
      <CorrectRegionForm activation={activation} onDone={done} />
    </section>
  );
}
