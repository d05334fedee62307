import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { graphql } from '../api/generated';
import type { Session } from '../session/auth';
import { DateTime } from '../shared/format';
import { PageHeading } from '../shared/page-heading';
import { LoadError, Loading } from '../shared/query-state';
import { RouteLink } from '../shared/route-link';
import { AmendForm } from './AmendForm';
import { AgreementPreview } from './AgreementPreview';
import { Categories, TermsFacts } from './agreement-terms';
import { AgreementDecision } from './agreement-decision';

const AGREEMENT = graphql(`
  query ConsoleAgreement($id: ID!) {
    agreement(id: $id) {
      agreementId
      agency
      approverAgency
      status
      categories
      activities
      purpose
      legalBasis
      legalReference
      validFrom
      validUntil
      regionScope
      grantedBy
      approvedBy
      version
      pending {
        kind
        categories
        activities
        purpose
        legalBasis
        legalReference
        validFrom
        validUntil
        regionScope
        proposedBy
        proposerAgency
        reason
      }
      history {
        streamVersion
        type
        at
        by
        agency
        reason
        categories
      }
    }
  }
`);

function BackLink() {
  return (
    <p className="utrecht-paragraph">
      <RouteLink route={{ name: 'agreements' }}>
        <FormattedMessage id="policy.back" />
      </RouteLink>
    </p>
  );
}

/**
 * One agreement as its stream stands: its terms, the proposal waiting (to approve or reject when the other
 * party made it), its history, what the recipient would see under it, and the changes the api offers.
 */
export function AgreementDetail({ id, session }: { id: string; session: Session }) {
  const intl = useIntl();
  const [{ data, error }, refetch] = useQuery({ query: AGREEMENT, variables: { id } });
  // What the last decision did, said where it stays visible: the form it was made in may be gone after it.
  const [done, setDone] = useState<string>();
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const decided = (decision: string) => {
    setDone(decision);
    reload();
  };
  if (error)
    return (
      <>
        <BackLink />
        <PageHeading>
          <FormattedMessage id="policy.detail.notFound" />
        </PageHeading>
        <LoadError error={error} />
      </>
    );
  const agreement = data?.agreement;
  if (!agreement) return <Loading />;
  const { pending } = agreement;
  const mayDecide = pending !== null && pending !== undefined && pending.proposerAgency !== session.agency;
  return (
    <>
      <BackLink />
      <PageHeading>
        <FormattedMessage
          id="policy.card.title"
          values={{ agency: agreement.agency, other: agreement.approverAgency ?? '—' }}
        />
      </PageHeading>
      <p className="utrecht-paragraph" data-testid="agreement-status">
        <FormattedMessage
          id="policy.detail.status"
          values={{ status: intl.formatMessage({ id: `policy.status.${agreement.status}` }) }}
        />
      </p>
      <p className="utrecht-paragraph" role="status">
        {done && <FormattedMessage id={`policy.${done}.done`} />}
      </p>
      <TermsFacts terms={agreement} />

      {pending && (
        <section aria-labelledby="pending-heading">
          <h2 className="utrecht-heading-2" id="pending-heading">
            <FormattedMessage
              id={`policy.pending.${pending.kind}`}
              values={{ agency: pending.proposerAgency }}
            />
          </h2>
          <p className="utrecht-paragraph">
            <FormattedMessage
              id="policy.pending.by"
              values={{ user: pending.proposedBy, reason: pending.reason ?? '—' }}
            />
          </p>
          <TermsFacts terms={pending} />
        </section>
      )}
      {mayDecide && (
        <AgreementDecision
          agreementId={agreement.agreementId}
          version={agreement.version}
          decisions={['approve', 'reject']}
          onDecided={decided}
        />
      )}

      <AgreementPreview key={agreement.version} id={agreement.agreementId} />

      {agreement.status === 'GRANTED' && !pending && (
        <>
          <AmendForm agreement={agreement} onProposed={() => decided('amend')} />
          <AgreementDecision
            agreementId={agreement.agreementId}
            version={agreement.version}
            decisions={['revoke']}
            onDecided={decided}
          />
        </>
      )}

      <section aria-labelledby="history-heading">
        <h2 className="utrecht-heading-2" id="history-heading">
          <FormattedMessage id="policy.history.heading" />
        </h2>
        <ol className="keten-timeline" aria-labelledby="history-heading">
          {agreement.history.map((step) => (
            <li key={step.streamVersion} className="keten-timeline__entry">
              <h3 className="utrecht-heading-4 keten-timeline__title">
                {intl.formatMessage({
                  id: `policy.history.${step.type}`,
                  defaultMessage: step.type,
                })}
              </h3>
              <p className="utrecht-paragraph keten-timeline__meta">
                <DateTime value={step.at} />{' '}
                {step.by ? (
                  <FormattedMessage id="policy.history.by" values={{ user: step.by, agency: step.agency }} />
                ) : (
                  <FormattedMessage id="policy.history.byClock" />
                )}
              </p>
              {step.reason && <p className="utrecht-paragraph">{step.reason}</p>}
              {step.categories && (
                <p className="utrecht-paragraph">
                  <FormattedMessage id="policy.field.categories" />:{' '}
                  <Categories categories={step.categories} />
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
