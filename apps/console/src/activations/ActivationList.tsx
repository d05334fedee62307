import { graphql } from '../api/generated';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { LoadState } from '../shared/load-state';
import { PageHeading } from '../shared/page-heading';
import { DateTime, Withheld } from '../shared/format';
import { hrefOf, navigate } from '../app/router';
import type { ActivationsFilter } from '../api/generated/graphql';

export const ACTIVATIONS = graphql(`
  query ConsoleActivations($first: Int, $filter: ActivationsFilter) {
    activations(first: $first, filter: $filter) {
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

/**
 * The activations the agency sees, as a list of links (keyboard: Tab to one, Enter opens it); with a filter
 * and its own texts (message ids of heading, intro and empty list), a part of them, such as "my cases".
 */
export function ActivationList({
  filter,
  texts = { heading: 'list.heading', intro: 'list.intro', empty: 'list.empty' },
}: {
  readonly filter?: ActivationsFilter;
  readonly texts?: { readonly heading: string; readonly intro: string; readonly empty: string };
} = {}) {
  const intl = useIntl();
  const [{ data, fetching, error }] = useQuery({
    query: ACTIVATIONS,
    variables: { first: 50, filter },
  });
  const activations = data?.activations.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <PageHeading>
        <FormattedMessage id={texts.heading} />
      </PageHeading>
      <p className="utrecht-paragraph">
        <FormattedMessage id={texts.intro} />
      </p>
      <LoadState
        loading={fetching}
        error={error}
        empty={data && activations.length === 0 ? texts.empty : undefined}
      />
      <ul className="keten-cards" aria-label={intl.formatMessage({ id: texts.heading })}>
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
