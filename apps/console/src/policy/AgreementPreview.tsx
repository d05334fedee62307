import { useId } from 'react';
import { FormattedMessage } from 'react-intl';
import { useQuery } from 'urql';
import { Entry } from '../activations/timeline-entry';
import { graphql } from '../api/generated';
import { WithheldCategories } from '../shared/format';
import { LoadError, Loading } from '../shared/query-state';

const PREVIEW = graphql(`
  query ConsoleAgreementPreview($id: ID!) {
    agreementPreview(id: $id) {
      agreementId
      agency
      proposal
      categories
      withheld
      entries {
        eventId
        occurredAt
        actingAgency
        type
        payload
        withheld
      }
    }
  }
`);

/**
 * What the recipient agency would see of the api's fictitious sample activation under the agreement (its
 * proposal while one waits), shown as a timeline is: withheld parts said so, never left empty.
 */
export function AgreementPreview({ id }: { id: string }) {
  const heading = useId();
  const [{ data, error }] = useQuery({ query: PREVIEW, variables: { id } });
  const preview = data?.agreementPreview;
  return (
    <section aria-labelledby={heading} className="keten-form-section" data-testid="agreement-preview">
      <h2 className="utrecht-heading-2" id={heading}>
        <FormattedMessage id="policy.preview.heading" />
      </h2>
      {error && <LoadError error={error} />}
      {!preview && !error && <Loading />}
      {preview && (
        <>
          <p className="utrecht-paragraph">
            <FormattedMessage
              id={preview.proposal ? 'policy.preview.intro.proposal' : 'policy.preview.intro.inForce'}
              values={{ agency: preview.agency }}
            />
          </p>
          <WithheldCategories categories={preview.withheld} />
          <ol className="keten-timeline" aria-labelledby={heading}>
            {preview.entries.map((entry) => (
              <Entry key={entry.eventId} entry={entry} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
