import type { FormEvent, ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { FormField, FormOutcome } from '../shared/forms/form-field';

/** What the coordinator's forms use of a command (useCommand). */
interface CommandState {
  readonly fetching: boolean;
  readonly unplaced?: string;
  error(field: string): string | undefined;
  control(field: string): (element: HTMLElement | null) => void;
}

/**
 * A form that sends one command: its fields, the form's own error or what succeeded, and the submit
 * button, which waits while the command is under way.
 */
export function CommandForm({
  command,
  saved,
  submit,
  onSubmit,
  children,
}: {
  readonly command: CommandState;
  /** Message id of what succeeded, shown once it did. */
  readonly saved: string | false;
  /** Message id of the submit button. */
  readonly submit: string;
  readonly onSubmit: () => Promise<void>;
  readonly children: ReactNode;
}) {
  return (
    <form
      className="utrecht-form"
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      {children}
      <FormOutcome unplaced={command.unplaced} saved={saved && <FormattedMessage id={saved} />} />
      <button
        type="submit"
        className="utrecht-button utrecht-button--primary-action"
        disabled={command.fetching}
      >
        <FormattedMessage id={submit} />
      </button>
    </form>
  );
}

/** A field of a command as free text, on one line or (`rows`) several, with the server's error at it. */
export function CommandTextField({
  command,
  name,
  label,
  hint,
  value,
  onChange,
  rows,
  list,
}: {
  readonly command: CommandState;
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly rows?: number;
  /** The id of a datalist of suggestions, for a one-line field. */
  readonly list?: string;
}) {
  return (
    <FormField name={name} label={label} hint={hint} error={command.error(name)}>
      {(control) =>
        rows ? (
          <textarea
            {...control}
            ref={command.control(name)}
            className="utrecht-textarea utrecht-textarea--html-textarea"
            rows={rows}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <input
            {...control}
            ref={command.control(name)}
            className="utrecht-textbox utrecht-textbox--html-input"
            autoComplete="off"
            list={list}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </FormField>
  );
}
