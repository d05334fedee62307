import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { graphql } from '../api/generated';
import type { StatisticsFilter } from '../api/generated/graphql';
import { PeriodFields, periodFilter, type Period } from '../coordination/PeriodFields';
import { session } from '../session/auth';
import { ExportButtons } from '../shared/download-button';
import { Money } from '../shared/format';
import { PageHeading } from '../shared/page-heading';
import { Breakdown } from './Breakdown';
import { YearlyReport } from './YearlyReport';
import './statistics.css';

const STATISTICS = graphql(`
  query ConsoleStatistics($filter: StatisticsFilter) {
    statistics(filter: $filter) {
      total
      byKind {
        key
        count
      }
      byTheme {
        key
        count
      }
      byTrigger {
        key
        count
      }
      byIntegratedDeployment {
        key
        count
      }
      byOutcome {
        key
        count
      }
      byRegion {
        key
        count
      }
      byMonth {
        key
        count
      }
      figures {
        fineTotalEuroCents
        measures {
          key
          count
        }
        inspections {
          key
          count
        }
        findingsByCategory {
          key
          count
        }
        referralsByAgency {
          key
          count
        }
        byParticipatingAgency {
          key
          count
        }
        daysToClose {
          closed
          median
          p90
        }
        notVisible {
          figure
          activations
          categories
        }
      }
    }
  }
`);

const EXPORT = graphql(`
  query ConsoleStatisticsExport($filter: StatisticsFilter, $format: ExportFormat!) {
    statisticsExport(filter: $filter, format: $format) {
      ...ConsoleDocument
    }
  }
`);

const BREAKDOWNS = [
  'byKind',
  'byTheme',
  'byTrigger',
  'byIntegratedDeployment',
  'byOutcome',
  'byRegion',
  'byMonth',
] as const;
const FIGURES = [
  'measures',
  'inspections',
  'findingsByCategory',
  'referralsByAgency',
  'byParticipatingAgency',
] as const;

/**
 * The LOT-C accountability figures as the agency may see them: a chart with a table beside it for each
 * breakdown, for a period; the coordinator's of its region, the national team's of every region (with the
 * yearly report). Exported as CSV or Excel by the api.
 */
export function StatisticsScreen() {
  const intl = useIntl();
  const viewer = session();
  const national = viewer?.role === 'NATIONAL_COORDINATOR';
  const region = national ? undefined : viewer?.region;
  const [period, setPeriod] = useState<Period>({ from: '', to: '' });
  const [filter, setFilter] = useState<StatisticsFilter>(region ? { region } : {});
  const [{ data, error, fetching }] = useQuery({ query: STATISTICS, variables: { filter } });
  const statistics = data?.statistics;
  function submit(event: FormEvent) {
    event.preventDefault();
    setFilter({ ...periodFilter(period), ...(region ? { region } : {}) });
  }
  return (
    <>
      <PageHeading>
        <FormattedMessage
          id={national ? 'statistics.national.heading' : 'statistics.heading'}
          values={{ region }}
        />
      </PageHeading>
      <form
        className="utrecht-form keten-filters"
        aria-label={intl.formatMessage({ id: 'statistics.filter' })}
        onSubmit={submit}
      >
        <PeriodFields period={period} onChange={setPeriod} />
        <button type="submit" className="utrecht-button utrecht-button--primary-action">
          <FormattedMessage id="statistics.filter.submit" />
        </button>
      </form>
      <ExportButtons
        prefix="statistics.export."
        query={EXPORT}
        filter={filter}
        pick={(answer) => answer.statisticsExport}
      />
      {national && <YearlyReport />}
      {error && (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">
            <FormattedMessage
              id="error.load"
              values={{ message: error.graphQLErrors[0]?.message ?? error.message }}
            />
          </p>
        </div>
      )}
      <p className="utrecht-paragraph" role="status">
        {fetching ? (
          <FormattedMessage id="loading" />
        ) : (
          statistics && <FormattedMessage id="statistics.total" values={{ total: statistics.total }} />
        )}
      </p>
      {statistics && (
        <>
          <dl className="keten-facts">
            <dt>
              <FormattedMessage id="statistics.fines" />
            </dt>
            <dd>
              <Money cents={statistics.figures.fineTotalEuroCents} />
            </dd>
            <dt>
              <FormattedMessage id="statistics.daysToClose" />
            </dt>
            <dd>
              <FormattedMessage
                id="statistics.daysToClose.value"
                values={{
                  closed: statistics.figures.daysToClose.closed,
                  median: statistics.figures.daysToClose.median ?? '—',
                  p90: statistics.figures.daysToClose.p90 ?? '—',
                }}
              />
            </dd>
          </dl>
          {statistics.figures.notVisible.map((missing) => (
            <p key={missing.figure} className="utrecht-paragraph keten-withheld">
              <FormattedMessage
                id="statistics.notVisible"
                values={{
                  figure: intl.formatMessage({
                    id: `statistics.${missing.figure}`,
                    defaultMessage: missing.figure,
                  }),
                  activations: missing.activations,
                  categories: intl.formatList(
                    missing.categories.map((category) =>
                      intl.formatMessage({ id: `category.${category}`, defaultMessage: category }),
                    ),
                  ),
                }}
              />
            </p>
          ))}
          {BREAKDOWNS.map((name) => (
            <Breakdown key={name} name={name} counts={statistics[name]} />
          ))}
          {FIGURES.map((name) => (
            <Breakdown
              key={name}
              name={name}
              counts={statistics.figures[name]}
              labels={name === 'findingsByCategory' ? 'category.' : undefined}
            />
          ))}
        </>
      )}
    </>
  );
}
