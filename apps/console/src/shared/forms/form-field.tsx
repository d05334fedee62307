import { useId, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

/** What a control needs to be tied to its label, hint and error (WCAG 1.3.1, 3.3.1). */
export interface ControlProps {
  readonly id: string;
  readonly name: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

/**
 * One field of a form in the NL Design System's (Utrecht) markup: its label, an optional hint, the error the
 * server (or the form) gave for it, and the control, which gets the ids and aria attributes that tie them.
 * A group (several checkboxes, each with its own label) is a fieldset whose legend is the label.
 */
export function FormField({
  name,
  label,
  group,
  hint,
  error,
  children,
}: {
  readonly name: string;
  /** Message id of the label. */
  readonly label: string;
  readonly group?: boolean;
  /** Message id of the hint. */
  readonly hint?: string;
  readonly error?: string;
  readonly children: (control: ControlProps) => ReactNode;
}) {
  const base = `${useId()}-${name}`;
  const describedBy = [hint ? `${base}-hint` : undefined, error ? `${base}-error` : undefined]
    .filter(Boolean)
    .join(' ');
  const Wrapper = group ? 'fieldset' : 'div';
  return (
    <Wrapper
      className={`utrecht-form-field${group ? ' utrecht-form-fieldset' : ''}${error ? ' utrecht-form-field--invalid' : ''}`}
    >
      {group ? (
        <legend className="utrecht-form-fieldset__legend utrecht-form-label">
          <FormattedMessage id={label} />
        </legend>
      ) : (
        <div className="utrecht-form-field__label">
          <label className="utrecht-form-label" htmlFor={base}>
            <FormattedMessage id={label} />
          </label>
        </div>
      )}
      {hint && (
        <div className="utrecht-form-field__description" id={`${base}-hint`}>
          <FormattedMessage id={hint} />
        </div>
      )}
      {error && (
        <div className="utrecht-form-field-error-message" id={`${base}-error`}>
          {error}
        </div>
      )}
      <div className="utrecht-form-field__input">
        {children({
          id: base,
          name,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy || undefined,
        })}
      </div>
    </Wrapper>
  );
}

/**
 * The form's own error when the server named no field of it, and the status line for what succeeded or,
 * in field mode, waits on the device for the connection.
 */
export function FormOutcome({
  unplaced,
  saved,
  queued,
}: {
  readonly unplaced?: string;
  readonly saved?: ReactNode;
  readonly queued?: boolean;
}) {
  return (
    <>
      {unplaced && (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <FormattedMessage id="form.error" values={{ message: unplaced }} />
        </div>
      )}
      <p className="utrecht-paragraph" role="status">
        {queued ? <FormattedMessage id="fieldMode.queued" /> : saved}
      </p>
    </>
  );
}
