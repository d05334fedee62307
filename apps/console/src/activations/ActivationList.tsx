import { graphql } from '../api/generated';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { PageHeading } from '../shared/page-heading';
import { DateTime, Withheld } from '../shared/format';
import { hrefOf, navigate } from '../app/router';

export const ACTIVATIONS = graphql(`
  query ConsoleActivations($first: Int) {
    activations(first: $first) {
      edges {
        node {
          id
          kind
          themes
          region
          municipality
          status
          leadAgency
          openedAt
          location {
            city
          }
          employer {
            name
          }
          withheld
        }
      }
    }
  }
`);

/** The activations the agency sees, as a list of links (keyboard: Tab to one, Enter opens it). */
export function ActivationList() {
  const intl = useIntl();
  const [{ data, fetching, error }] = useQuery({
    query: ACTIVATIONS,
    variables: { first: 50 },
  });
  const activations = data?.activations.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <PageHeading>
        <FormattedMessage id="list.heading" />
      </PageHeading>
      <p className="utrecht-paragraph">
        <FormattedMessage id="list.intro" />
      </p>
      {fetching && (
        <p className="utrecht-paragraph" role="status">
          <FormattedMessage id="loading" />
        </p>
      )}
      {error && (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <FormattedMessage
            id="error.load"
            values={{ message: error.graphQLErrors[0]?.message ?? error.message }}
          />
        </div>
      )}
      {data && activations.length === 0 && (
        <p className="utrecht-paragraph">
          <FormattedMessage id="list.empty" />
        </p>
      )}
      <ul className="keten-cards" aria-label={intl.formatMessage({ id: 'list.heading' })}>
        {activations.map((activation) => (
          <li key={activation.id} className="keten-card">
            <h2 className="utrecht-heading-3 keten-card__title">
              <a
                className="utrecht-link"
                href={hrefOf({ name: 'activation', id: activation.id })}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(hrefOf({ name: 'activation', id: activation.id }));
                }}
              >
                <FormattedMessage
                  id="activation.label"
                  values={{
                    kind: intl.formatMessage({ id: `activation.kind.${activation.kind}` }),
                    municipality: activation.municipality,
                  }}
                />
              </a>
            </h2>
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
                {intl.formatList(
                  activation.themes.map((theme) => intl.formatMessage({ id: `theme.${theme}` })),
                )}
              </dd>
              <dt>
                <FormattedMessage id="field.location" />
              </dt>
              <dd>
                {activation.withheld.includes('LOCATION') ? <Withheld /> : (activation.location?.city ?? '—')}
              </dd>
              <dt>
                <FormattedMessage id="field.employer" />
              </dt>
              <dd>
                {activation.withheld.includes('EMPLOYER') ? <Withheld /> : (activation.employer?.name ?? '—')}
              </dd>
              <dt>
                <FormattedMessage id="field.openedAt" />
              </dt>
              <dd>
                <DateTime value={activation.openedAt} />
              </dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
