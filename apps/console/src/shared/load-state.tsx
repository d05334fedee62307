import { FormattedMessage } from 'react-intl';

/** What a screen says while its list loads, when loading failed, and when the list is empty. */
export function LoadState({
  loading,
  error,
  empty,
}: {
  readonly loading: boolean;
  readonly error?: { readonly message: string; readonly graphQLErrors: readonly { message: string }[] };
  /** Message id for an empty list, given when the list is loaded and empty. */
  readonly empty?: string;
}) {
  return (
    <>
      {loading && (
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
      {empty && (
        <p className="utrecht-paragraph">
          <FormattedMessage id={empty} />
        </p>
      )}
    </>
  );
}
