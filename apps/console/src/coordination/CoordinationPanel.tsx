import { useEffect, useRef } from 'react';
import { FormattedMessage } from 'react-intl';
import { useQuery } from 'urql';
import { graphql } from '../api/generated';
import { session } from '../session/auth';
import { DownloadButton } from '../shared/download-button';
import { COORDINATED_ACTIVATION } from './coordinated-activation';
import type { ParticipationEntry } from './invitations';
import { Participation } from './Participation';

const PROCESS_REPORT = graphql(`
  query ConsoleProcessReport($activationId: ID!) {
    processReport(activationId: $activationId, format: PDF) {
      ...ConsoleDocument
    }
  }
`);

/**
 * The coordinator's part of an activation: its case number, who takes part and who was invited, and the
 * process report (the coordinator's actions are among the activation's, activations/actions/). Read again
 * whenever the activation's version changes.
 */
export function CoordinationPanel({
  activationId,
  version,
  entries,
}: {
  activationId: string;
  version: string;
  entries: readonly ParticipationEntry[];
}) {
  const coordinator = session()?.role === 'COORDINATOR';
  const [{ data }, refetch] = useQuery({
    query: COORDINATED_ACTIVATION,
    variables: { id: activationId },
    pause: !coordinator,
  });
  const seen = useRef(version);
  useEffect(() => {
    if (!coordinator || seen.current === version) return;
    seen.current = version;
    refetch({ requestPolicy: 'network-only' });
  }, [coordinator, version, refetch]);
  const activation = data?.activation;
  if (!coordinator || !activation) return null;
  // The live timeline's latest decision, where it is newer than the read of the activation.
  const decided = [...entries].reverse().find((entry) => entry.type === 'integrated-deployment.decided')
    ?.payload as { integrated?: unknown } | undefined;
  const integrated =
    typeof decided?.integrated === 'boolean' ? decided.integrated : activation.integratedDeployment;
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
            id={`coordination.integrated.${integrated === null || integrated === undefined ? 'undecided' : String(integrated)}`}
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
    </section>
  );
}
