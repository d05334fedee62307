import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../api/generated';
import type { ConsoleInboxQuery } from '../api/generated/graphql';
import { hrefOf, navigate } from '../app/router';
import { ActionForm } from '../activations/actions/ActionForm';
import { DECLINE_INVITATION, JOIN_ACTIVATION } from '../activations/actions/action-mutations';
import type { ActionSpec } from '../activations/actions/action-table';
import { DialogButton } from '../shared/dialog';
import { DateTime, Withheld, WithheldCategories } from '../shared/format';
import { FormOutcome } from '../shared/forms/form-field';
import { useCommand } from '../shared/forms/use-command';
import { LoadState } from '../shared/load-state';
import { PageHeading } from '../shared/page-heading';

const INBOX = graphql(`
  query ConsoleInbox {
    inbox(first: 100) {
      kind
      state
      fromAgency
      reason
      answer
      receivedAt
      answeredAt
      withheld
      activation {
        id
        caseNumber
        title
        kind
        municipality
        status
      }
    }
  }
`);

/** Any change of the inbox (a new item, an item answered) brings the list again. */
const INBOX_LIVE = graphql(`
  subscription ConsoleInboxLive {
    inbox {
      kind
      state
      receivedAt
    }
  }
`);

type Item = ConsoleInboxQuery['inbox'][number];

const DECLINE: ActionSpec = {
  name: 'decline',
  mutation: DECLINE_INVITATION,
  fields: [{ name: 'reason', kind: 'textarea', required: true, hint: true }],
};

/** Joining for the agency: one command, no fields (field mode keeps it while offline). */
function JoinButton({ activationId, onDone }: { activationId: string; onDone: () => void }) {
  const command = useCommand(JOIN_ACTIVATION, [], 'action.join');
  return (
    <>
      <button
        type="button"
        className="utrecht-button utrecht-button--primary-action"
        disabled={command.fetching}
        onClick={() =>
          void command
            .send((commandId) => ({ input: { activationId, commandId } }))
            .then((answer) => answer && onDone())
        }
      >
        <FormattedMessage id="action.join" />
      </button>
      <FormOutcome unplaced={command.unplaced} queued={command.queued} />
    </>
  );
}

function InboxCard({ item, onAnswered }: { item: Item; onAnswered: () => void }) {
  const intl = useIntl();
  const activation = item.activation;
  const name = activation.title ?? activation.caseNumber ?? activation.id;
  // A referral's agency need not take part, so only a joined invitation leads into the activation.
  const open = item.state === 'ACCEPTED';
  return (
    <li className="keten-card">
      <h2 className="utrecht-heading-3 keten-card__title">
        <FormattedMessage id={`inbox.kind.${item.kind}`} values={{ name }} />
      </h2>
      <dl className="keten-facts">
        <dt>
          <FormattedMessage id="inbox.caseNumber" />
        </dt>
        <dd>{activation.caseNumber ?? <Withheld />}</dd>
        <dt>
          <FormattedMessage id="inbox.from" />
        </dt>
        <dd>{item.fromAgency}</dd>
        <dt>
          <FormattedMessage id="inbox.reason" />
        </dt>
        <dd>{item.reason ?? (item.withheld.length > 0 ? <Withheld /> : '—')}</dd>
        <dt>
          <FormattedMessage id="inbox.received" />
        </dt>
        <dd>
          <DateTime value={item.receivedAt} />
        </dd>
        <dt>
          <FormattedMessage id="inbox.state" />
        </dt>
        <dd>
          <FormattedMessage id={`inbox.state.${item.state}`} />
          {item.answer && ` (${item.answer})`}
        </dd>
      </dl>
      <WithheldCategories categories={item.withheld} />
      {item.kind === 'INVITATION' && item.state === 'PENDING' && (
        <div className="keten-card__actions">
          <JoinButton activationId={activation.id} onDone={onAnswered} />
          <DialogButton label="action.decline">
            {(close) => (
              <ActionForm
                spec={DECLINE}
                activationId={activation.id}
                entries={[]}
                onDone={() => {
                  close();
                  onAnswered();
                }}
              />
            )}
          </DialogButton>
        </div>
      )}
      {open && (
        <p className="utrecht-paragraph">
          <a
            className="utrecht-link"
            href={hrefOf({ name: 'activation', id: activation.id })}
            aria-label={intl.formatMessage({ id: 'inbox.open' }) + `: ${name}`}
            onClick={(event) => {
              event.preventDefault();
              navigate(hrefOf({ name: 'activation', id: activation.id }));
            }}
          >
            <FormattedMessage id="inbox.open" />
          </a>
        </p>
      )}
    </li>
  );
}

/** Invitations and referrals addressed to the agency, newest first, kept up to date live. */
export function Inbox() {
  const intl = useIntl();
  const [{ data, error }, refetch] = useQuery({ query: INBOX });
  const [{ data: change }] = useSubscription({ query: INBOX_LIVE });
  useEffect(() => {
    if (change) refetch({ requestPolicy: 'network-only' });
  }, [change, refetch]);
  const items = data?.inbox ?? [];
  return (
    <>
      <PageHeading>
        <FormattedMessage id="inbox.heading" />
      </PageHeading>
      <p className="utrecht-paragraph">
        <FormattedMessage id="inbox.intro" />
      </p>
      <LoadState
        loading={!data && !error}
        error={error}
        empty={data && items.length === 0 ? 'inbox.empty' : undefined}
      />
      <ul className="keten-cards" aria-label={intl.formatMessage({ id: 'inbox.heading' })}>
        {items.map((item) => (
          <InboxCard
            key={`${item.activation.id}-${item.kind}-${item.receivedAt}`}
            item={item}
            onAnswered={() => refetch({ requestPolicy: 'network-only' })}
          />
        ))}
      </ul>
    </>
  );
}
