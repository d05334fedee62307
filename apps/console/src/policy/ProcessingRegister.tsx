import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { graphql } from '../api/generated';
import { DateTime } from '../shared/format';
import { PageHeading } from '../shared/page-heading';
import { LoadError, Loading } from '../shared/query-state';

const ACTIVITIES_SERVED = graphql(`
  query ConsoleActivitiesServed {
    agreements {
      agreementId
      activities
      pending {
        activities
      }
    }
  }
`);

const ACTIVITY = graphql(`
  query ConsoleProcessingActivity($id: ID!) {
    processingActivity(id: $id) {
      activityId
      name
      status
      registerVersion
      uri
      purpose
      legalBasis
      legalReference
      controllers
      retention
      pending
      history {
        type
        at
        by
        agency
        reason
      }
    }
  }
`);

function RegisterEntry({ id }: { id: string }) {
  const intl = useIntl();
  const [{ data, error }] = useQuery({ query: ACTIVITY, variables: { id } });
  const activity = data?.processingActivity;
  const heading = `activity-${id}`;
  return (
    <li className="keten-card" data-activity-id={id}>
      <h2 className="utrecht-heading-3 keten-card__title" id={heading}>
        {activity?.name ?? id}
      </h2>
      {error &&
        (error.graphQLErrors[0]?.extensions?.code === 'NOT_FOUND' ? (
          <p className="utrecht-paragraph">
            <FormattedMessage id="policy.register.notInRegister" />
          </p>
        ) : (
          <LoadError error={error} />
        ))}
      {!activity && !error && <Loading />}
      {activity && (
        <>
          <dl className="keten-facts">
            {(
              [
                ['policy.register.id', activity.activityId],
                [
                  'policy.register.uri',
                  activity.uri ?? intl.formatMessage({ id: 'policy.register.unregistered' }),
                ],
                [
                  'policy.field.status',
                  intl.formatMessage({
                    id: `policy.register.status.${activity.status}`,
                    defaultMessage: activity.status,
                  }),
                ],
                ['policy.field.purpose', activity.purpose],
                ['policy.field.legalBasis', `${activity.legalBasis} (${activity.legalReference})`],
                ['policy.register.controllers', intl.formatList(activity.controllers)],
                ['policy.register.retention', activity.retention],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="keten-facts__pair">
                <dt>
                  <FormattedMessage id={label} />
                </dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {activity.pending && (
            <p className="utrecht-paragraph">
              <FormattedMessage id="policy.register.pending" />
            </p>
          )}
          <h3 className="utrecht-heading-4">
            <FormattedMessage id="policy.history.heading" />
          </h3>
          <ol className="utrecht-ordered-list">
            {activity.history.map((step, index) => (
              <li key={index} className="utrecht-ordered-list__item">
                <DateTime value={step.at} />{' '}
                <FormattedMessage
                  id="policy.register.step"
                  values={{
                    step: intl.formatMessage({
                      id: `policy.register.${step.type}`,
                      defaultMessage: step.type,
                    }),
                    user: step.by,
                    agency: step.agency,
                  }}
                />
                {step.reason && <> — {step.reason}</>}
              </li>
            ))}
          </ol>
        </>
      )}
    </li>
  );
}

/**
 * The register of processing activities as far as the agency's agreements serve them: each entry with its
 * purpose, legal basis, controllers, retention and history (the api offers entries by id, not a listing).
 */
export function ProcessingRegister() {
  const intl = useIntl();
  const [{ data, error }] = useQuery({ query: ACTIVITIES_SERVED });
  const ids = [
    ...new Set(
      (data?.agreements ?? []).flatMap((agreement) => [
        ...agreement.activities,
        ...(agreement.pending?.activities ?? []),
      ]),
    ),
  ].sort();
  return (
    <>
      <PageHeading>
        <FormattedMessage id="policy.register.heading" />
      </PageHeading>
      <p className="utrecht-paragraph">
        <FormattedMessage id="policy.register.intro" />
      </p>
      {error && <LoadError error={error} />}
      {!data && !error && <Loading />}
      {data && ids.length === 0 && (
        <p className="utrecht-paragraph">
          <FormattedMessage id="policy.register.empty" />
        </p>
      )}
      <ul className="keten-cards" aria-label={intl.formatMessage({ id: 'policy.register.heading' })}>
        {ids.map((id) => (
          <RegisterEntry key={id} id={id} />
        ))}
      </ul>
    </>
  );
}
