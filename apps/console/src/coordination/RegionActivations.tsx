import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useClient } from 'urql';
import { graphql } from '../api/generated';
import type { ActivationsFilter } from '../api/generated/graphql';
import { session } from '../session/auth';
import { ExportButtons } from '../shared/download-button';
import { PageHeading } from '../shared/page-heading';
import { ActivationsTable } from './ActivationsTable';
import { readActivations, searchActivations } from './region-reads';
import { RegionFilterForm } from './RegionFilterForm';
import { RegionSearchForm, type SearchAsked } from './RegionSearchForm';
import { usePaged } from './use-paged';
import './coordination.css';

const EXPORT = graphql(`
  query ConsoleActivationsExport($filter: ActivationsFilter, $format: ExportFormat!) {
    activationsExport(filter: $filter, format: $format) {
      ...ConsoleDocument
    }
  }
`);

/**
 * The coordinator's region: its activations as a table, filtered by status, kind and period, or found by a
 * search; page after page ("more"), and exported (CSV or Excel, made by the api) as filtered.
 */
export function RegionActivations() {
  const intl = useIntl();
  const client = useClient();
  const region = session()?.region;
  const [filter, setFilter] = useState<ActivationsFilter>(region ? { region } : {});
  const [search, setSearch] = useState<SearchAsked>();
  const list = usePaged(JSON.stringify({ filter, search }), (after) =>
    search
      ? searchActivations(client, search.query, search.purpose, after)
      : readActivations(client, filter, after),
  );
  const caption = intl.formatMessage(
    { id: search ? 'region.caption.search' : 'region.caption' },
    { region: region ?? '', query: search?.query ?? '' },
  );
  return (
    <>
      <PageHeading>
        <FormattedMessage id="region.heading" values={{ region: region ?? '' }} />
      </PageHeading>
      <RegionFilterForm onFilter={(asked) => setFilter({ ...asked, ...(region ? { region } : {}) })} />
      <RegionSearchForm onSearch={setSearch} />
      <ExportButtons
        prefix="region.export."
        query={EXPORT}
        filter={filter}
        pick={(data) => data.activationsExport}
      />
      {list.problem && (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">
            <FormattedMessage id="error.load" values={{ message: list.problem.message }} />
          </p>
        </div>
      )}
      <p className="utrecht-paragraph" role="status">
        {list.fetching ? (
          <FormattedMessage id="loading" />
        ) : (
          !list.problem && <FormattedMessage id="region.count" values={{ count: list.nodes.length }} />
        )}
      </p>
      {list.nodes.length > 0 && <ActivationsTable rows={list.nodes} caption={caption} />}
      {list.hasNextPage && (
        <button
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          disabled={list.fetching}
          onClick={list.more}
        >
          <FormattedMessage id="region.more" />
        </button>
      )}
    </>
  );
}
