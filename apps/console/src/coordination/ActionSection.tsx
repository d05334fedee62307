import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

/**
 * One of the coordinator's actions on an activation: a section that opens in place (details/summary, so
 * keyboard and screen readers know it without a script), holding the action's form.
 */
export function ActionSection({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <details className="keten-form-section keten-action">
      <summary className="utrecht-heading-3 keten-action__summary">
        <FormattedMessage id={title} />
      </summary>
      {children}
    </details>
  );
}
