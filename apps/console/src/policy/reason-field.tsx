import { FormField } from '../shared/forms/form-field';

/** Why a policy admin does what they do: every step of an agreement's history says it. */
export function ReasonField({
  value,
  onChange,
  error,
  focusRef,
}: {
  value: string;
  onChange: (reason: string) => void;
  error?: string;
  focusRef: (element: HTMLElement | null) => void;
}) {
  return (
    <FormField name="reason" label="policy.field.reason" hint="policy.reason.hint" error={error}>
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
