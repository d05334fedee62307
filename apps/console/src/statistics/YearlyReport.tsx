import { useState } from 'react';
import { graphql } from '../api/generated';
import { FormField } from '../shared/forms/form-field';
import { DownloadButton } from '../shared/download-button';

const YEARLY_REPORT = graphql(`
  query ConsoleYearlyReport($year: Int!) {
    yearlyReport(year: $year) {
      ...ConsoleDocument
    }
  }
`);

/** The national team's LOT-C yearly report (PDF, made by the api) of the year chosen. */
export function YearlyReport() {
  const [year, setYear] = useState(new Date().getFullYear());
  return (
    <div className="keten-filters">
      <FormField name="year" label="statistics.yearlyReport.year">
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={2020}
            max={2100}
            className="utrecht-textbox utrecht-textbox--html-input"
            value={year}
            onChange={(event) => setYear(Number(event.target.value))}
          />
        )}
      </FormField>
      <div className="keten-actions">
        <DownloadButton
          label="statistics.yearlyReport"
          query={YEARLY_REPORT}
          variables={{ year }}
          pick={(answer) => answer.yearlyReport}
        />
      </div>
    </div>
  );
}
