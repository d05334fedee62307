import { memo, type ReactNode } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { DateTime, Erased, Money, Withheld, WithheldCategories } from '../shared/format';
import { isShownPath } from './entry-paths';
import type { TimelineEntry } from './use-timeline';

/** A narrative of the payload ({ text, categories }) is shown by its text. */
function isNarrative(value: unknown): value is { text: string | null } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'text' in value;
}

/** A value whose keys were erased (AVG art. 17, retention): the api passes the marker `{ $erased: true }`. */
function isErased(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { $erased?: unknown }).$erased === true;
}

type Fact = { readonly path: string; readonly value: unknown };

/** The payload as facts: nested objects by their leaves' paths, a narrative and a list as one value. */
function factsOf(payload: Record<string, unknown>, prefix = ''): Fact[] {
  return Object.entries(payload).flatMap(([key, value]): Fact[] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!isShownPath(path)) return [];
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      !isNarrative(value) &&
      !isErased(value)
    )
      return factsOf(value as Record<string, unknown>, path);
    return [{ path, value }];
  });
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Z][A-Z_]+$/;

/** A code of the api (`FINE`, `PREVENTIVE`) in words, where the console has them; else the code itself. */
function wordsFor(intl: IntlShape, path: string, code: string): string {
  const field = path.split('.').pop()!;
  for (const id of [
    `option.${path}.${code}`,
    /categor/i.test(field) ? `category.${code}` : '',
    field === 'themes' ? `theme.${code}` : '',
    `entryValue.${code}`,
  ]) {
    if (id && intl.messages[id] !== undefined) return intl.formatMessage({ id });
  }
  return code;
}

function Value({ path, value }: Fact): ReactNode {
  const intl = useIntl();
  const shown = isNarrative(value) ? value.text : value;
  if (shown === null || shown === undefined) return <Withheld />;
  if (isErased(shown)) return <Erased />;
  if (Array.isArray(shown)) {
    if (shown.every((item) => typeof item !== 'object' || item === null))
      return intl.formatList(
        shown.map((item) => (typeof item === 'string' ? wordsFor(intl, path, item) : String(item))),
      );
    return (
      <ul className="keten-entry__list">
        {shown.map((item, index) => (
          <li key={index}>
            <Facts facts={factsOf((item ?? {}) as Record<string, unknown>, path)} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof shown === 'boolean') return <FormattedMessage id={shown ? 'entryValue.yes' : 'entryValue.no'} />;
  if (typeof shown === 'number')
    return /Cents$/.test(path) ? <Money cents={shown} /> : intl.formatNumber(shown);
  const text = String(shown);
  if (ISO_INSTANT.test(text)) return <DateTime value={text} />;
  if (ISO_DATE.test(text)) return intl.formatDate(text, { dateStyle: 'long', timeZone: 'UTC' });
  return CODE.test(text) ? wordsFor(intl, path, text) : text;
}

function Facts({ facts }: { facts: readonly Fact[] }) {
  return (
    <dl className="keten-facts">
      {facts.map((fact) => (
        <div key={fact.path} className="keten-facts__pair">
          <dt>
            <FormattedMessage id={`entry.${fact.path}`} />
          </dt>
          <dd>
            <Value {...fact} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** One entry of the timeline; memoised, so that a page read behind the first re-renders only what is new. */
export const Entry = memo(function Entry({ entry }: { entry: TimelineEntry }) {
  const intl = useIntl();
  const title = intl.formatMessage({
    id: `event.${entry.type}`,
    defaultMessage: intl.formatMessage({ id: 'event.other' }, { type: entry.type }),
  });
  const facts = factsOf((entry.payload ?? {}) as Record<string, unknown>);
  return (
    <li className="keten-timeline__entry" data-event-id={entry.eventId}>
      <h3 className="utrecht-heading-4 keten-timeline__title">{title}</h3>
      <p className="utrecht-paragraph keten-timeline__meta">
        <DateTime value={entry.occurredAt} />{' '}
        <FormattedMessage id="timeline.by" values={{ agency: entry.actingAgency }} />
      </p>
      {facts.length > 0 && <Facts facts={facts} />}
      <WithheldCategories categories={entry.withheld} />
    </li>
  );
});
