import { useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { FormattedMessage } from 'react-intl';
import { useClient, type AnyVariables } from 'urql';
import { problemOf } from '../api/client';
import type { ExportFormat } from '../api/generated/graphql';
import { saveDocument, type DownloadableDocument } from './download';

/**
 * A button that asks the api for a document (an export, a report) and saves it; while it is made the
 * button says so, and a refusal (the api's sentence: EXPORT_TOO_LARGE, FORBIDDEN, …) shows as an alert.
 */
export function DownloadButton<Data, Variables extends AnyVariables>({
  label,
  query,
  variables,
  pick,
}: {
  /** Message id of the button's text. */
  readonly label: string;
  readonly query: TypedDocumentNode<Data, Variables>;
  readonly variables: Variables;
  readonly pick: (data: Data) => DownloadableDocument;
}) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  async function download(): Promise<void> {
    setBusy(true);
    setFailure(undefined);
    const result = await client.query(query, variables, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    if (result.error || !result.data) setFailure(result.error ? problemOf(result.error).message : '');
    else saveDocument(pick(result.data));
  }
  return (
    <>
      <button
        type="button"
        className="utrecht-button utrecht-button--secondary-action"
        aria-busy={busy}
        disabled={busy}
        onClick={() => void download()}
      >
        <FormattedMessage id={label} />
      </button>
      {failure !== undefined && (
        <span className="utrecht-form-field-error-message" role="alert">
          <FormattedMessage id="download.failed" values={{ message: failure }} />
        </span>
      )}
    </>
  );
}

/** The api's two export formats of a list or of figures, a button each (label: `prefix` + format). */
export function ExportButtons<Data, Filter>({
  prefix,
  query,
  filter,
  pick,
}: {
  readonly prefix: string;
  readonly query: TypedDocumentNode<Data, { filter?: Filter | null; format: ExportFormat }>;
  readonly filter: Filter;
  readonly pick: (data: Data) => DownloadableDocument;
}) {
  return (
    <div className="keten-actions">
      {(['CSV', 'XLSX'] as const).map((format) => (
        <DownloadButton
          key={format}
          label={`${prefix}${format}`}
          query={query}
          variables={{ filter, format }}
          pick={pick}
        />
      ))}
    </div>
  );
}
