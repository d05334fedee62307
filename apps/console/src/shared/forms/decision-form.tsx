import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { AnyVariables } from 'urql';
import { FormOutcome } from './form-field';
import { ReasonField } from './reason-field';
import { useCommand } from './use-command';

const FIELDS = ['reason'] as const;

/** What the form reads of a decision's command: its state and errors, not its (typed) send. */
type CommandState = Omit<ReturnType<typeof useCommand<unknown, AnyVariables>>, 'send'>;

/** One way to decide (approve, reject, revoke): its button and the command it sends with the reason. */
export interface Decision<Value extends string> {
  readonly value: Value;
  /** Message id of its button. */
  readonly button: string;
  readonly primary: boolean;
  readonly command: CommandState;
  /** Sends the decision with its reason; true once the api took it. */
  readonly send: (reason: string) => Promise<boolean>;
}

/**
 * A decision's own command (its own command id: approving after a lost answer is never taken for a
 * rejection), built from the reason. Called once per decision a screen offers, always in the same order.
 */
export function useDecision<Value extends string, Result, Variables extends AnyVariables>({
  value,
  button,
  primary = false,
  mutation,
  variables,
}: {
  value: Value;
  button: string;
  primary?: boolean;
  mutation: TypedDocumentNode<Result, Variables>;
  variables: (commandId: string, reason: string) => NoInfer<Variables>;
}): Decision<Value> {
  const command = useCommand(mutation, FIELDS);
  return {
    value,
    button,
    primary,
    command,
    send: async (reason) => {
      const done = await command.send((commandId) => variables(commandId, reason));
      return done !== undefined && done !== 'queued';
    },
  };
}

/**
 * Four eyes: a decision on what another person asked for (an agreement's proposal, an erasure request),
 * always with a reason, by one of the buttons given. An empty reason is refused at the field like the api's
 * own refusals, which show at the field they name or, naming none, above the buttons: one shape for every
 * decision of the console. The heading and what is decided on are the screen's; the labels are message ids.
 */
export function DecisionForm<Value extends string>({
  heading,
  children,
  reason: labels,
  decisions,
  onDecided,
}: {
  heading: ReactNode;
  /** What is decided on, shown under the heading. */
  children?: ReactNode;
  /** Message ids of the reason's label and hint. */
  reason: { label: string; hint: string };
  decisions: readonly Decision<Value>[];
  onDecided: (decision: Value) => void;
}) {
  const intl = useIntl();
  const id = useId();
  const [reason, setReason] = useState('');
  const [last, setLast] = useState<Value>(decisions[0]!.value);
  // The errors shown are those of the last decision tried.
  const shown = (decisions.find((decision) => decision.value === last) ?? decisions[0]!).command;

  async function decide(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value;
    const decision = decisions.find((each) => each.value === value);
    if (!decision) return;
    setLast(decision.value);
    if (reason.trim() === '')
      return decision.command.refuse({
        message: '',
        fields: { reason: intl.formatMessage({ id: 'form.required' }) },
      });
    if (!(await decision.send(reason))) return;
    setReason('');
    onDecided(decision.value);
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="keten-form-section">
      <h2 className="utrecht-heading-2" id={`${id}-heading`}>
        {heading}
      </h2>
      {children}
      <form className="utrecht-form" noValidate onSubmit={(event) => void decide(event)}>
        <ReasonField
          label={labels.label}
          hint={labels.hint}
          value={reason}
          onChange={setReason}
          error={shown.error('reason')}
          focusRef={(element) => {
            for (const each of decisions) each.command.control('reason')(element);
          }}
        />
        <FormOutcome unplaced={shown.unplaced} />
        <div className="utrecht-button-group">
          {decisions.map((decision) => (
            <button
              key={decision.value}
              type="submit"
              name="decision"
              value={decision.value}
              className={`utrecht-button utrecht-button--${decision.primary ? 'primary' : 'secondary'}-action`}
              disabled={decision.command.fetching}
            >
              <FormattedMessage id={decision.button} />
            </button>
          ))}
        </div>
      </form>
    </section>
  );
}
