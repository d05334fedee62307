import { useEffect, useRef } from 'react';
import { graphql } from '../api/generated';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { PageHeading } from '../shared/page-heading';
import { FindingForm } from './FindingForm';
import { ActivationActions } from './actions/ActivationActions';
import { Entry } from './timeline-entry';
import { useTimeline } from './use-timeline';
import { DateTime, Withheld, WithheldCategories } from '../shared/format';
import { navigate } from '../app/router';
import { CoordinationPanel } from '../coordination/CoordinationPanel';

const ACTIVATION = graphql(`
  query ConsoleActivation($id: ID!) {
    activation(id: $id) {
      id
      kind
      themes
      region
      municipality
      status
      leadAgency
      participants
      version
      openedAt
      location {
        address
        postcode
        city
      }
      employer {
        name
        kvkNumber
      }
      withheld
    }
  }
`);

/** An activation as the agency sees it, its timeline kept up to date live, and what one can do on it. */
export function ActivationDetail({ id }: { id: string }) {
  const intl = useIntl();
  const [{ data, error }, refetchActivation] = useQuery({
    query: ACTIVATION,
    variables: { id },
  });
  const { entries, complete, live } = useTimeline(id);
  // Read again whenever the timeline grows once read, so that what is shown, and the version a command is
  // based on, is the activation's current one.
  const seen = useRef<number>(undefined);
  useEffect(() => {
    if (!complete) return;
    if (seen.current !== undefined && seen.current !== entries.length)
      refetchActivation({ requestPolicy: 'network-only' });
    seen.current = entries.length;
  }, [complete, entries.length, refetchActivation]);
  // Without a connection (field mode) what was read stays on the screen; the api's refusal does not.
  const read = useRef(data);
  if (data) read.current = data;
  const activation = (data ?? (error?.networkError ? read.current : undefined))?.activation;
  if (error && !activation)
    return (
      <>
        <PageHeading>
          <FormattedMessage id="detail.notFound" />
        </PageHeading>
        <BackLink />
      </>
    );
  if (!activation)
    return (
      <p className="utrecht-paragraph" role="status">
        <FormattedMessage id="loading" />
      </p>
    );
  const location = activation.location;
  return (
    <>
      <BackLink />
      <PageHeading>
        <FormattedMessage
          id="activation.label"
          values={{
            kind: intl.formatMessage({ id: `activation.kind.${activation.kind}` }),
            municipality: activation.municipality,
          }}
        />
      </PageHeading>
      <dl className="keten-facts">
        <dt>
          <FormattedMessage id="field.status" />
        </dt>
        <dd>
          <FormattedMessage id={`status.${activation.status}`} />
        </dd>
        <dt>
          <FormattedMessage id="field.themes" />
        </dt>
        <dd>
          {intl.formatList(activation.themes.map((theme) => intl.formatMessage({ id: `theme.${theme}` })))}
        </dd>
        <dt>
          <FormattedMessage id="field.region" />
        </dt>
        <dd>{activation.region}</dd>
        <dt>
          <FormattedMessage id="field.leadAgency" />
        </dt>
        <dd>{activation.leadAgency}</dd>
        <dt>
          <FormattedMessage id="field.participants" />
        </dt>
        <dd>{intl.formatList(activation.participants)}</dd>
        <dt>
          <FormattedMessage id="field.location" />
        </dt>
        <dd>
          {activation.withheld.includes('LOCATION') ? (
            <Withheld />
          ) : (
            [location?.address, location?.postcode, location?.city].filter(Boolean).join(', ') || '—'
          )}
        </dd>
        <dt>
          <FormattedMessage id="field.employer" />
        </dt>
        <dd>
          {activation.withheld.includes('EMPLOYER') ? (
            <Withheld />
          ) : (
            [activation.employer?.name, activation.employer?.kvkNumber].filter(Boolean).join(', ') || '—'
          )}
        </dd>
        <dt>
          <FormattedMessage id="field.openedAt" />
        </dt>
        <dd>
          <DateTime value={activation.openedAt} />
        </dd>
      </dl>
      <WithheldCategories categories={activation.withheld} />
      <CoordinationPanel activationId={activation.id} version={activation.version} entries={entries} />

      <FindingForm
        activationId={activation.id}
        onRecorded={() => refetchActivation({ requestPolicy: 'network-only' })}
      />

      <ActivationActions
        activation={activation}
        entries={entries}
        onDone={() => refetchActivation({ requestPolicy: 'network-only' })}
      />

      <section aria-labelledby="timeline-heading">
        <h2 className="utrecht-heading-2" id="timeline-heading">
          <FormattedMessage id="timeline.heading" />
        </h2>
        <p className="utrecht-paragraph" role="status">
          <FormattedMessage id={live ? 'timeline.live' : 'timeline.offline'} />
        </p>
        {entries.length === 0 ? (
          <p className="utrecht-paragraph">
            <FormattedMessage id="timeline.empty" />
          </p>
        ) : (
          <ol className="keten-timeline" aria-labelledby="timeline-heading" aria-busy={!complete}>
            {entries.map((entry) => (
              <Entry key={entry.eventId} entry={entry} />
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function BackLink() {
  return (
    <p className="utrecht-paragraph">
      <a
        className="utrecht-link"
        href="/"
        onClick={(event) => {
          event.preventDefault();
          navigate('/');
        }}
      >
        <FormattedMessage id="detail.back" />
      </a>
    </p>
  );
}
