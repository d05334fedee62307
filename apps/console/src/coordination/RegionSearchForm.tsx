import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { graphql } from '../api/generated';
import { FormField } from '../shared/forms/form-field';

const PURPOSES = graphql(`
  query ConsoleSearchPurposes {
    me {
      agreementsInForce {
        activities
      }
    }
  }
`);

export interface SearchAsked {
  readonly query: string;
  /** The processing activity the search serves (x-purpose); empty: the api's default. */
  readonly purpose: string;
}

/**
 * The search over what the agency may see, with the processing activity it serves: the activities the
 * agency's agreements in force name, or the api's default (case coordination). An empty query ends the search.
 */
export function RegionSearchForm({ onSearch }: { onSearch: (asked: SearchAsked | undefined) => void }) {
  const intl = useIntl();
  const [{ data }] = useQuery({ query: PURPOSES });
  const activities = [...new Set(data?.me.agreementsInForce.flatMap((agreement) => agreement.activities))];
  const [query, setQuery] = useState('');
  const [purpose, setPurpose] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(query.trim() ? { query: query.trim(), purpose } : undefined);
  }
  return (
    <form className="utrecht-form keten-filters" role="search" onSubmit={submit}>
      <FormField name="query" label="region.search.query" hint="region.search.hint">
        {(control) => (
          <input
            {...control}
            type="search"
            className="utrecht-textbox utrecht-textbox--html-input"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        )}
      </FormField>
      <FormField name="purpose" label="region.search.purpose">
        {(control) => (
          <select
            {...control}
            className="utrecht-select utrecht-select--html-select"
            value={purpose}
            onChange={(event) => setPurpose(event.target.value)}
          >
            <option value="">{intl.formatMessage({ id: 'region.search.purpose.default' })}</option>
            {activities.map((activity) => (
              <option key={activity} value={activity}>
                {activity}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <button type="submit" className="utrecht-button utrecht-button--primary-action">
        <FormattedMessage id="region.search.submit" />
      </button>
    </form>
  );
}
