import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useClient } from 'urql';
import { parseBsn } from '../../../../libs/domain/src/shared/bsn.value';
import { graphql } from '../api/generated';
import type { AccessLogFilter, ConsoleAccessLogQuery } from '../api/generated/graphql';
import { problemOf, type ApiProblem } from '../api/client';
import { saveDocument } from '../shared/download';
import { FormField } from '../shared/forms/form-field';
import { Categories } from '../policy/agreement-terms';
import { DateTime } from '../shared/format';
import { PageHeading } from '../shared/page-heading';

const ACCESS_LOG = graphql(`
  query ConsoleAccessLog($filter: AccessLogFilter, $first: Int, $after: String) {
    accessLog(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          recordedAt
          userId
          role
          agency
          activityUri
          operation
          status
          activationId
          categories
          subjectRef
          subjectType
          traceId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ACCESS_REQUEST = graphql(`
  query ConsoleAccessRequestExport($bsn: String!, $format: AccessRequestFormat) {
    accessRequestExport(bsn: $bsn, format: $format) {
      fileName
      contentType
      base64
    }
  }
`);

const RECORDS = graphql(`
  query ConsoleAccessLogRecordsExport($filter: AccessLogFilter) {
    accessLogRecordsExport(filter: $filter) {
      fileName
      contentType
      base64
    }
  }
`);

const PAGE = 25;
type Line = ConsoleAccessLogQuery['accessLog']['edges'][number]['node'];
type Field = 'bsn' | 'subjectId' | 'activationId' | 'traceId' | 'activity' | 'from' | 'to';
const FIELDS: readonly { field: Field; type?: 'date' }[] = [
  { field: 'bsn' },
  { field: 'subjectId' },
  { field: 'activationId' },
  { field: 'traceId' },
  { field: 'activity' },
  { field: 'from', type: 'date' },
  { field: 'to', type: 'date' },
];
const EMPTY: Record<Field, string> = {
  bsn: '',
  subjectId: '',
  activationId: '',
  traceId: '',
  activity: '',
  from: '',
  to: '',
};

/** The api's problem with its fields named as the form names them (`filter.` taken off). */
function byField(problem: ApiProblem): ApiProblem {
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(problem.fields))
    fields[name.replace(/^filter\./, '')] = message;
  return { ...problem, fields };
}

/**
 * The privacy officer's access log: who of the agency read personal, health or criminal data, when and
 * why, found by a person's BSN, a subject within a case, a trace id, an activity and a period; newest first,
 * a page at a time. With a BSN, the answer to that person's access request downloads as JSON or CSV.
 */
export function AccessLog() {
  const intl = useIntl();
  const client = useClient();
  const [values, setValues] = useState(EMPTY);
  const [asked, setAsked] = useState<AccessLogFilter>();
  const [lines, setLines] = useState<Line[]>();
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const controls = useRef(new Map<Field, HTMLInputElement | null>()).current;

  /** The filter of the form, or a problem the form finds itself (a BSN that fails the eleven-test). */
  function filterOf(): AccessLogFilter | ApiProblem {
    const bsn = values.bsn.trim();
    if (bsn !== '' && !parseBsn(bsn).ok)
      return { message: '', fields: { bsn: intl.formatMessage({ id: 'privacy.bsn.invalid' }) } };
    return Object.fromEntries(
      Object.entries(values)
        .map(([field, value]) => [field, value.trim()])
        .filter(([, value]) => value !== ''),
    ) as AccessLogFilter;
  }

  function refuse(found: ApiProblem) {
    setProblem(found);
    const first = FIELDS.find(({ field }) => found.fields[field]);
    if (first) controls.get(first.field)?.focus();
  }

  async function read(filter: AccessLogFilter, after: string | null) {
    setBusy(true);
    const { data, error } = await client.query(ACCESS_LOG, { filter, first: PAGE, after }).toPromise();
    setBusy(false);
    if (error) return refuse(byField(problemOf(error)));
    setProblem(undefined);
    const page = data!.accessLog;
    setLines((before) => [...(after ? (before ?? []) : []), ...page.edges.map((edge) => edge.node)]);
    setNext(page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);
  }

  async function search(event: FormEvent) {
    event.preventDefault();
    const filter = filterOf();
    if ('fields' in filter) return refuse(filter as ApiProblem);
    setAsked(filter);
    await read(filter, null);
  }

  async function exportFor(format: 'JSON' | 'CSV') {
    const { data, error } = await client.query(ACCESS_REQUEST, { bsn: asked!.bsn!, format }).toPromise();
    if (error) return refuse(byField(problemOf(error)));
    saveDocument(data!.accessRequestExport);
  }

  async function exportRecords() {
    const { data, error } = await client.query(RECORDS, { filter: asked }).toPromise();
    if (error) return refuse(byField(problemOf(error)));
    saveDocument(data!.accessLogRecordsExport);
  }

  const unplaced =
    problem && problem.message && !FIELDS.some(({ field }) => problem.fields[field])
      ? problem.message
      : undefined;
  return (
    <>
      <PageHeading>
        <FormattedMessage id="privacy.heading" />
      </PageHeading>
      <p className="utrecht-paragraph">
        <FormattedMessage id="privacy.intro" />
      </p>
      <form className="utrecht-form keten-form-section" noValidate onSubmit={(event) => void search(event)}>
        {FIELDS.map(({ field, type }) => (
          <FormField
            key={field}
            name={field}
            label={`privacy.field.${field}`}
            hint={`privacy.hint.${field}`}
            error={problem?.fields[field]}
          >
            {(control) => (
              <input
                {...control}
                ref={(element) => void controls.set(field, element)}
                type={type ?? 'text'}
                inputMode={field === 'bsn' ? 'numeric' : undefined}
                className="utrecht-textbox utrecht-textbox--html-input"
                value={values[field]}
                onChange={(event) => setValues({ ...values, [field]: event.target.value })}
              />
            )}
          </FormField>
        ))}
        {unplaced && (
          <div className="utrecht-alert utrecht-alert--error" role="alert">
            <FormattedMessage id="error.load" values={{ message: unplaced }} />
          </div>
        )}
        <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
          <FormattedMessage id="privacy.search" />
        </button>
      </form>

      {lines && (
        <section aria-labelledby="access-log-results">
          <h2 className="utrecht-heading-2" id="access-log-results">
            <FormattedMessage id="privacy.results" />
          </h2>
          <p className="utrecht-paragraph" role="status">
            <FormattedMessage
              id="privacy.results.count"
              values={{ count: lines.length, more: next !== null }}
            />
          </p>
          <div className="utrecht-button-group">
            {asked?.bsn &&
              (['JSON', 'CSV'] as const).map((format) => (
                <button
                  key={format}
                  type="button"
                  className="utrecht-button utrecht-button--secondary-action"
                  onClick={() => void exportFor(format)}
                >
                  <FormattedMessage id="privacy.export" values={{ format }} />
                </button>
              ))}
            {lines.length > 0 && (
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action"
                onClick={() => void exportRecords()}
              >
                <FormattedMessage id="privacy.records" />
              </button>
            )}
          </div>
          {lines.length > 0 && (
            <div
              className="keten-table-scroll"
              tabIndex={0}
              role="region"
              aria-labelledby="access-log-results"
            >
              <table className="utrecht-table">
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    {[
                      'recordedAt',
                      'userId',
                      'activity',
                      'categories',
                      'activationId',
                      'subjectRef',
                      'traceId',
                    ].map((column) => (
                      <th key={column} scope="col" className="utrecht-table__header-cell">
                        <FormattedMessage id={`privacy.column.${column}`} />
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {lines.map((line) => (
                    <tr key={line.id} className="utrecht-table__row" data-line-id={line.id}>
                      <td className="utrecht-table__cell">
                        <DateTime value={line.recordedAt} />
                      </td>
                      <td className="utrecht-table__cell">
                        {line.userId} (
                        {intl.formatMessage({ id: `role.${line.role}`, defaultMessage: line.role })})
                      </td>
                      <td className="utrecht-table__cell">
                        {line.activityUri}
                        <br />
                        {line.operation}
                      </td>
                      <td className="utrecht-table__cell">
                        <Categories categories={line.categories} />
                      </td>
                      <td className="utrecht-table__cell">{line.activationId}</td>
                      <td className="utrecht-table__cell" title={line.subjectRef}>
                        {line.subjectRef.slice(0, 12)}… ({line.subjectType})
                      </td>
                      <td className="utrecht-table__cell">{line.traceId}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {next !== null && (
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              disabled={busy}
              onClick={() => void read(asked!, next)}
            >
              <FormattedMessage id="privacy.more" />
            </button>
          )}
        </section>
      )}
    </>
  );
}
