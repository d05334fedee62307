import { FormField } from '../shared/forms/form-field';

export interface Period {
  readonly from: string;
  readonly to: string;
}

/** The period of a filter (opened from, to) as two date fields, for the region's list and the figures. */
export function PeriodFields({ period, onChange }: { period: Period; onChange: (period: Period) => void }) {
  return (
    <>
      {(['from', 'to'] as const).map((end) => (
        <FormField key={end} name={end} label={`period.${end}`}>
          {(control) => (
            <input
              {...control}
              type="date"
              className="utrecht-textbox utrecht-textbox--html-input"
              value={period[end]}
              onChange={(event) => onChange({ ...period, [end]: event.target.value })}
            />
          )}
        </FormField>
      ))}
    </>
  );
}

/** The period's ends that are set, as the api's filters take them. */
export function periodFilter({ from, to }: Period): { from?: string; to?: string } {
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
