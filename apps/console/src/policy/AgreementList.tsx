import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { graphql } from '../api/generated';
import type { ConsoleAgreementsQuery } from '../api/generated/graphql';
import { PageHeading } from '../shared/page-heading';
import { LoadError, Loading } from '../shared/query-state';
import { RouteLink } from '../shared/route-link';
import { Categories, Validity } from './agreement-terms';

graphql(`
  fragment ConsoleAgreementCard on SharingAgreement {
    agreementId
    agency
    approverAgency
    status
    categories
    validFrom
    validUntil
    pending {
      kind
      categories
      proposerAgency
    }
  }
`);

const AGREEMENTS = graphql(`
  query ConsoleAgreements {
    pendingAgreements {
      ...ConsoleAgreementCard
    }
    agreements {
      ...ConsoleAgreementCard
    }
    me {
      agreementWarnings {
        agreementId
        agency
        validUntil
        daysLeft
      }
    }
  }
`);

type Card = ConsoleAgreementsQuery['agreements'][number];

function AgreementCards({
  heading,
  empty,
  cards,
}: {
  heading: string;
  empty: string;
  cards: readonly Card[];
}) {
  const intl = useIntl();
  const id = `agreements-${heading.replace(/\W/g, '-')}`;
  return (
    <section aria-labelledby={id}>
      <h2 className="utrecht-heading-2" id={id}>
        <FormattedMessage id={heading} />
      </h2>
      {cards.length === 0 ? (
        <p className="utrecht-paragraph">
          <FormattedMessage id={empty} />
        </p>
      ) : (
        <ul className="keten-cards" aria-labelledby={id}>
          {cards.map((card) => (
            <li key={card.agreementId} className="keten-card" data-agreement-id={card.agreementId}>
              <h3 className="utrecht-heading-3 keten-card__title">
                <RouteLink route={{ name: 'agreement', id: card.agreementId }}>
                  <FormattedMessage
                    id="policy.card.title"
                    values={{ agency: card.agency, other: card.approverAgency ?? '—' }}
                  />
                </RouteLink>
              </h3>
              <dl className="keten-facts">
                <div className="keten-facts__pair">
                  <dt>
                    <FormattedMessage id="policy.field.status" />
                  </dt>
                  <dd>
                    {intl.formatMessage({ id: `policy.status.${card.status}` })}
                    {card.pending && (
                      <>
                        {' '}
                        <FormattedMessage
                          id={`policy.pending.${card.pending.kind}`}
                          values={{ agency: card.pending.proposerAgency }}
                        />
                      </>
                    )}
                  </dd>
                </div>
                <div className="keten-facts__pair">
                  <dt>
                    <FormattedMessage id="policy.field.categories" />
                  </dt>
                  <dd>
                    <Categories categories={card.pending?.categories ?? card.categories} />
                  </dd>
                </div>
                <div className="keten-facts__pair">
                  <dt>
                    <FormattedMessage id="policy.field.validity" />
                  </dt>
                  <dd>
                    <Validity from={card.validFrom} until={card.validUntil} />
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * A policy admin's agreements: the proposals waiting for the agency's decision first, then those ending
 * soon, those in force, the agency's own proposals waiting for the other party, and those that ended.
 */
export function AgreementList() {
  const [{ data, error }] = useQuery({ query: AGREEMENTS });
  const all = data?.agreements ?? [];
  const waiting = new Set(data?.pendingAgreements.map((card) => card.agreementId));
  const ending = new Set(data?.me.agreementWarnings.map((warning) => warning.agreementId));
  return (
    <>
      <PageHeading>
        <FormattedMessage id="policy.list.heading" />
      </PageHeading>
      <p className="utrecht-paragraph">
        <FormattedMessage id="policy.list.intro" />
      </p>
      {error && <LoadError error={error} />}
      {!data && !error && <Loading />}
      {data && (
        <>
          <AgreementCards
            heading="policy.list.waiting"
            empty="policy.list.waiting.empty"
            cards={data.pendingAgreements}
          />
          <AgreementCards
            heading="policy.list.ending"
            empty="policy.list.ending.empty"
            cards={all.filter((card) => ending.has(card.agreementId))}
          />
          <AgreementCards
            heading="policy.list.inForce"
            empty="policy.list.inForce.empty"
            cards={all.filter((card) => card.status === 'GRANTED' && !ending.has(card.agreementId))}
          />
          <AgreementCards
            heading="policy.list.proposed"
            empty="policy.list.proposed.empty"
            cards={all.filter((card) => card.pending && !waiting.has(card.agreementId))}
          />
          <AgreementCards
            heading="policy.list.ended"
            empty="policy.list.ended.empty"
            cards={all.filter((card) => ['REJECTED', 'REVOKED', 'EXPIRED'].includes(card.status))}
          />
        </>
      )}
    </>
  );
}
