import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useClient } from 'urql';
import { parseBsn } from '../../../../libs/domain/src/shared/bsn.value';
import { graphql } from '../api/generated';
import type { ErasureGround } from '../api/generated/graphql';
import { problemOf } from '../api/client';
import { FormField, FormOutcome } from '../shared/forms/form-field';
import { ReasonField } from '../shared/forms/reason-field';
import { useCommand } from '../shared/forms/use-command';
import { DateTime } from '../shared/format';
import { PageHeading } from '../shared/page-heading';
import { ErasureDecision } from './ErasureDecision';
import type { ErasureRequest } from './erasure-request';

const REQUESTS = graphql(`
  query ConsoleErasureRequests {
    erasureRequests {
      erasureId
      scope
      activationId
      ground
      reason
      status
      requestedBy
      requesterAgency
      requestedAt
      decidedBy
      deciderAgency
      decidedAt
      decisionReason
      decidable
    }
  }
`);

const REQUEST = graphql(`
  mutation ConsoleRequestErasure($input: RequestErasureInput!) {
    requestErasure(input: $input) {
      erasureId
      status
    }
  }
`);

const GROUNDS: readonly ErasureGround[] = [
  'UNLAWFULLY_PROCESSED',
  'NO_LONGER_NEEDED',
  'OBJECTION',
  'CONSENT_WITHDRAWN',
  'LEGAL_OBLIGATION',
];
const FIELDS = ['bsn', 'activationId', 'subjectId', 'ground', 'reason'] as const;
type Field = (typeof FIELDS)[number];
const EMPTY: Record<Field, string> = { bsn: '', activationId: '', subjectId: '', ground: '', reason: '' };

/**
 * Erasure requests (AVG art. 17), four eyes: the privacy officer asks to erase a person (by BSN, in every
 * case) or one subject of one activation, with the ground and a reason; another privacy officer approves
 * or rejects it here. The list names no one: no BSN, no pseudonym.
 */
export function Erasures() {
  const intl = useIntl();
  const client = useClient();
  const [values, setValues] = useState(EMPTY);
  const [requests, setRequests] = useState<ErasureRequest[]>();
  const [loadProblem, setLoadProblem] = useState<string>();
  const [done, setDone] = useState<string>();
  const request = useCommand(REQUEST, FIELDS);

  const load = useCallback(async () => {
    const { data, error } = await client.query(REQUESTS, {}, { requestPolicy: 'network-only' }).toPromise();
    if (error) return setLoadProblem(problemOf(error).message);
    setLoadProblem(undefined);
    setRequests(data!.erasureRequests);
    return data!.erasureRequests;
  }, [client]);

  /** The list is projected from the requests' events: read it again until it shows what was just done. */
  const reloadUntil = useCallback(
    async (erasureId: string, status: string) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const found = await load();
        if (found?.some((entry) => entry.erasureId === erasureId && entry.status === status)) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    [load],
  );

  useEffect(() => {
    void load();
  }, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(undefined);
    const bsn = values.bsn.trim();
    const fields: Partial<Record<Field, string>> = {};
    if (bsn !== '' && !parseBsn(bsn).ok) fields.bsn = intl.formatMessage({ id: 'erasure.bsn.invalid' });
    if (values.ground === '') fields.ground = intl.formatMessage({ id: 'form.required' });
    if (values.reason.trim() === '') fields.reason = intl.formatMessage({ id: 'form.required' });
    if (Object.keys(fields).length > 0) return request.refuse({ message: '', fields });
    const trimmed = (value: string) => (value.trim() === '' ? undefined : value.trim());
    const result = await request.send((commandId) => ({
      input: {
        commandId,
        bsn: trimmed(values.bsn),
        activationId: trimmed(values.activationId),
        subjectId: trimmed(values.subjectId),
        ground: values.ground as ErasureGround,
        reason: values.reason,
      },
    }));
    if (!result || result === 'queued') return;
    setValues(EMPTY);
    setDone(result.requestErasure.erasureId);
    await reloadUntil(result.requestErasure.erasureId, 'REQUESTED');
  }

  const text = (field: 'bsn' | 'activationId' | 'subjectId') => (
    <FormField
      key={field}
      name={field}
      label={`erasure.field.${field}`}
      hint={`erasure.hint.${field}`}
      error={request.error(field)}
    >
      {(control) => (
        <input
          {...control}
          ref={request.control(field)}
          type="text"
          inputMode={field === 'bsn' ? 'numeric' : undefined}
          autoComplete="off"
          className="utrecht-textbox utrecht-textbox--html-input"
          value={values[field]}
          onChange={(event) => setValues({ ...values, [field]: event.target.value })}
        />
      )}
    </FormField>
  );

  const waiting = requests?.filter((entry) => entry.decidable) ?? [];
  return (
    <>
      <PageHeading>
        <FormattedMessage id="erasure.heading" />
      </PageHeading>
      <p className="utrecht-paragraph">
        <FormattedMessage id="erasure.intro" />
      </p>

      <section aria-labelledby="erasure-request-heading" className="keten-form-section">
        <h2 className="utrecht-heading-2" id="erasure-request-heading">
          <FormattedMessage id="erasure.request.heading" />
        </h2>
        <form className="utrecht-form" noValidate onSubmit={(event) => void submit(event)}>
          {text('bsn')}
          <p className="utrecht-paragraph">
            <FormattedMessage id="erasure.or" />
          </p>
          {text('activationId')}
          {text('subjectId')}
          <FormField name="ground" label="erasure.field.ground" error={request.error('ground')}>
            {(control) => (
              <select
                {...control}
                ref={request.control('ground')}
                className="utrecht-select utrecht-select--html-select"
                value={values.ground}
                onChange={(event) => setValues({ ...values, ground: event.target.value })}
              >
                <option value="">{intl.formatMessage({ id: 'erasure.ground.choose' })}</option>
                {GROUNDS.map((ground) => (
                  <option key={ground} value={ground}>
                    {intl.formatMessage({ id: `erasure.ground.${ground}` })}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <ReasonField
            label="erasure.field.reason"
            hint="erasure.hint.reason"
            value={values.reason}
            onChange={(reason) => setValues({ ...values, reason })}
            error={request.error('reason')}
            focusRef={request.control('reason')}
          />
          <FormOutcome unplaced={request.unplaced} />
          {done && (
            <p className="utrecht-paragraph" role="status">
              <FormattedMessage id="erasure.request.done" values={{ erasureId: done }} />
            </p>
          )}
          <button
            type="submit"
            className="utrecht-button utrecht-button--primary-action"
            disabled={request.fetching}
          >
            <FormattedMessage id="erasure.request.button" />
          </button>
        </form>
      </section>

      <section aria-labelledby="erasure-list-heading">
        <h2 className="utrecht-heading-2" id="erasure-list-heading">
          <FormattedMessage id="erasure.list.heading" />
        </h2>
        {loadProblem && (
          <div className="utrecht-alert utrecht-alert--error" role="alert">
            <FormattedMessage id="error.load" values={{ message: loadProblem }} />
          </div>
        )}
        {requests && requests.length === 0 && (
          <p className="utrecht-paragraph">
            <FormattedMessage id="erasure.list.empty" />
          </p>
        )}
        {requests && requests.length > 0 && (
          <div
            className="keten-table-scroll"
            tabIndex={0}
            role="region"
            aria-labelledby="erasure-list-heading"
          >
            <table className="utrecht-table">
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  {['requestedAt', 'scope', 'ground', 'reason', 'requestedBy', 'status', 'decision'].map(
                    (column) => (
                      <th key={column} scope="col" className="utrecht-table__header-cell">
                        <FormattedMessage id={`erasure.column.${column}`} />
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {requests.map((entry) => (
                  <tr key={entry.erasureId} className="utrecht-table__row" data-erasure-id={entry.erasureId}>
                    <td className="utrecht-table__cell">
                      <DateTime value={entry.requestedAt} />
                    </td>
                    <td className="utrecht-table__cell">
                      {intl.formatMessage({ id: `erasure.scope.${entry.scope}` })}
                      {entry.activationId && (
                        <>
                          <br />
                          {entry.activationId}
                        </>
                      )}
                    </td>
                    <td className="utrecht-table__cell">
                      {intl.formatMessage({ id: `erasure.ground.${entry.ground}` })}
                    </td>
                    <td className="utrecht-table__cell">{entry.reason}</td>
                    <td className="utrecht-table__cell">
                      {entry.requestedBy} ({entry.requesterAgency})
                    </td>
                    <td className="utrecht-table__cell" data-status={entry.status}>
                      {intl.formatMessage({ id: `erasure.status.${entry.status}` })}
                    </td>
                    <td className="utrecht-table__cell">
                      {entry.decidedBy && (
                        <>
                          {entry.decidedBy} ({entry.deciderAgency}), <DateTime value={entry.decidedAt!} />
                          <br />
                          {entry.decisionReason}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {waiting.map((entry) => (
        <ErasureDecision
          key={entry.erasureId}
          request={entry}
          onDecided={(status) => void reloadUntil(entry.erasureId, status)}
        />
      ))}
    </>
  );
}
