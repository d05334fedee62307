import { FormattedMessage } from 'react-intl';
import type { CombinedError } from 'urql';

/** What a screen shows while its query is on its way. */
export function Loading() {
  return (
    <p className="utrecht-paragraph" role="status">
      <FormattedMessage id="loading" />
    </p>
  );
}

/** A query the api refused or that did not arrive: the api's sentence, as an alert. */
export function LoadError({ error }: { error: CombinedError }) {
  return (
    <div className="utrecht-alert utrecht-alert--error" role="alert">
      <FormattedMessage
        id="error.load"
        values={{ message: error.graphQLErrors[0]?.message ?? error.message }}
      />
    </div>
  );
}
