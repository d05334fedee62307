import { FormField } from './form-field';

/**
 * Why someone does what they do, where the step's history keeps it: a proposal, an amendment, a decision
 * (four eyes), an erasure request. The screen names the label and hint (message ids) that say who reads it.
 */
export function ReasonField({
  label,
  hint,
  value,
  onChange,
  error,
  focusRef,
}: {
  /** Message id of the label. */
  label: string;
  /** Message id of the hint. */
  hint: string;
  value: string;
  onChange: (reason: string) => void;
  error?: string;
  focusRef: (element: HTMLElement | null) => void;
}) {
  return (
    <FormField name="reason" label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          {...control}
          ref={focusRef}
          className="utrecht-textarea utrecht-textarea--html-textarea"
          rows={3}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
