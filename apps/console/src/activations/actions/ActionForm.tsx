import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { FormField, FormOutcome, type ControlProps } from '../../shared/forms/form-field';
import { useCommand } from '../../shared/forms/use-command';
import type { TimelineEntry } from '../use-timeline';
import {
  agenciesOf,
  entryValue,
  initialValues,
  inputOf,
  isShown,
  optionsOf,
  problemsOf,
  type Values,
} from './action-input';
import type { ActionField, ActionSpec, ActivationFacts } from './action-table';
import { uploadAttachment } from './upload-attachment';

/** A text of an entry's payload to tell it from the others of its kind. */
function gist(payload: Record<string, unknown>): string {
  const text = ['description', 'outcomeSummary', 'summary']
    .map((key) => payload[key] as { text?: string | null } | undefined)
    .find((narrative) => narrative?.text)?.text;
  const where = (payload.location as { address?: string } | undefined)?.address;
  const shown = text ?? where ?? '';
  return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
}

const payloadOf = (entry: TimelineEntry) => (entry.payload ?? {}) as Record<string, unknown>;

/** The timeline entries an entry field offers (not those ended since), newest first, by kind, time and gist. */
function entryOptions(field: ActionField, entries: readonly TimelineEntry[], intl: IntlShape) {
  const ended = new Set(
    field.entries!.flatMap((source) =>
      entries.flatMap((entry) =>
        source.endedBy
          .filter((end) => end.type === entry.type)
          .map((end) => `${source.type}|${String(payloadOf(entry)[end.idAt])}`),
      ),
    ),
  );
  return entries
    .flatMap((entry) => {
      const source = field.entries!.find((candidate) => candidate.type === entry.type);
      const payload = payloadOf(entry);
      const id = source && payload[source.idKey];
      if (!source || typeof id !== 'string' || ended.has(`${source.type}|${id}`)) return [];
      const label = [
        intl.formatMessage({ id: `event.${entry.type}` }),
        intl.formatDate(entry.occurredAt, {
          dateStyle: 'short',
          timeStyle: 'short',
          timeZone: 'Europe/Amsterdam',
        }),
        gist(payload),
      ]
        .filter(Boolean)
        .join(' · ');
      return [{ value: entryValue(id, source.kind), label }];
    })
    .reverse();
}

/** The persons of the entry chosen in the form's entry field (as the agency sees them), by name and id. */
function subjectOptions(
  spec: ActionSpec,
  values: Values,
  entries: readonly TimelineEntry[],
  intl: IntlShape,
) {
  const field = spec.fields.find((candidate) => candidate.kind === 'entry');
  const [, id] = String((field && values[field.name]) ?? '|').split('|');
  const entry = entries.find((candidate) =>
    field?.entries?.some(
      (source) => source.type === candidate.type && payloadOf(candidate)[source.idKey] === id,
    ),
  );
  const subjects = (entry ? payloadOf(entry).subjects : undefined) as
    { subjectId?: unknown; name?: unknown }[] | null | undefined;
  return (subjects ?? []).flatMap(({ subjectId, name }) =>
    typeof subjectId === 'string'
      ? [
          {
            value: subjectId,
            label: `${typeof name === 'string' ? name : intl.formatMessage({ id: 'withheld' })} (${subjectId})`,
          },
        ]
      : [],
  );
}

/**
 * The form of one action of the table (action-table.ts): its fields in the form kit's markup, the form's own
 * checks, then the command (see useCommand: the server's errors at their fields, field mode's queue).
 */
export function ActionForm({
  spec,
  activationId,
  facts,
  entries,
  onDone,
}: {
  readonly spec: ActionSpec;
  readonly activationId: string;
  /** What the console read of the activation: first values, agencies offered, the version a command is on. */
  readonly facts?: ActivationFacts;
  readonly entries: readonly TimelineEntry[];
  /** Called once the api took the command, or (queued) the device keeps it for when the connection returns. */
  readonly onDone: (queued: boolean) => void;
}) {
  const intl = useIntl();
  const [values, setValues] = useState<Values>(() => initialValues(spec, facts));
  const command = useCommand(
    spec.mutation,
    spec.fields.map((field) => field.name),
    spec.online ? undefined : `action.${spec.name}`,
  );
  // A person is chosen from the entry chosen: another entry, and the person is to be chosen again.
  const persons = Object.fromEntries(
    spec.fields.filter((field) => field.kind === 'subject').map((field) => [field.name, undefined]),
  );
  const set = (name: string, value: Values[string]) =>
    setValues((current) => ({
      ...current,
      ...(spec.fields.some((field) => field.name === name && field.kind === 'entry') ? persons : {}),
      [name]: value,
    }));
  const refuseAt = (fields: Record<string, string>) => command.refuse({ message: '', fields });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = problemsOf(spec, values);
    if (Object.keys(problems).length > 0)
      return refuseAt(
        Object.fromEntries(Object.entries(problems).map(([name, id]) => [name, intl.formatMessage({ id })])),
      );
    let ready = values;
    for (const field of spec.fields.filter((candidate) => candidate.kind === 'file')) {
      const uploaded = await uploadAttachment(values[field.name] as File);
      if ('problem' in uploaded)
        return refuseAt({
          [field.name]:
            uploaded.problem.code === 'NETWORK'
              ? intl.formatMessage({ id: 'action.attach.offline' })
              : uploaded.problem.message,
        });
      ready = { ...ready, [field.name]: uploaded.uploadId };
    }
    const answer = await command.send((commandId) => ({
      input: inputOf(spec, ready, activationId, commandId, facts),
    }));
    if (answer) onDone(answer === 'queued');
  }

  function control(field: ActionField, props: ControlProps) {
    const common = { ...props, ref: command.control(field.name) };
    const value = values[field.name];
    const text = typeof value === 'string' ? value : '';
    switch (field.kind) {
      case 'textarea':
        return (
          <textarea
            {...common}
            className="utrecht-textarea utrecht-textarea--html-textarea"
            rows={3}
            value={text}
            onChange={(event) => set(field.name, event.target.value)}
          />
        );
      case 'select':
      case 'yesNo':
      case 'entry':
      case 'subject': {
        const options =
          field.kind === 'entry'
            ? entryOptions(field, entries, intl)
            : field.kind === 'subject'
              ? subjectOptions(spec, values, entries, intl)
              : optionsOf(field).map((option) => ({
                  value: option,
                  label: intl.formatMessage({ id: `option.${field.name}.${option}` }),
                }));
        return (
          <select
            {...common}
            className="utrecht-select utrecht-select--html-select"
            value={text}
            onChange={(event) => set(field.name, event.target.value)}
          >
            {field.kind !== 'select' && <option value="">{intl.formatMessage({ id: 'form.choose' })}</option>}
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        );
      }
      case 'checkbox':
        return (
          <input
            {...common}
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input"
            checked={value === true}
            onChange={(event) => set(field.name, event.target.checked)}
          />
        );
      case 'agencies': {
        const chosen = (value as readonly string[] | undefined) ?? [];
        return agenciesOf(field, facts).map((agency, index) => (
          <div key={agency} className="utrecht-form-field utrecht-form-field--checkbox">
            <input
              {...common}
              id={`${props.id}-${agency}`}
              ref={index === 0 ? common.ref : undefined}
              type="checkbox"
              className="utrecht-checkbox utrecht-checkbox--html-input"
              checked={chosen.includes(agency)}
              onChange={(event) =>
                set(
                  field.name,
                  event.target.checked ? [...chosen, agency] : chosen.filter((one) => one !== agency),
                )
              }
            />{' '}
            <label className="utrecht-form-label" htmlFor={`${props.id}-${agency}`}>
              {agency}
            </label>
          </div>
        ));
      }
      case 'file':
        return (
          <input
            {...common}
            type="file"
            accept="application/pdf,image/jpeg,image/png,image/heic,image/heif,image/webp"
            className="utrecht-textbox utrecht-textbox--html-input"
            onChange={(event) => set(field.name, event.target.files?.[0])}
          />
        );
      default: {
        const suggested = field.agencies ? agenciesOf(field, facts) : [];
        return (
          <>
            <input
              {...common}
              type={field.kind === 'datetime' ? 'datetime-local' : 'text'}
              inputMode={field.kind === 'euros' ? 'decimal' : undefined}
              className="utrecht-textbox utrecht-textbox--html-input"
              autoComplete={field.agencies ? 'off' : undefined}
              list={field.agencies ? `${props.id}-suggestions` : undefined}
              value={text}
              onChange={(event) => set(field.name, event.target.value)}
            />
            {field.agencies && (
              <datalist id={`${props.id}-suggestions`}>
                {suggested.map((agency) => (
                  <option key={agency} value={agency} />
                ))}
              </datalist>
            )}
          </>
        );
      }
    }
  }

  return (
    <form className="utrecht-form keten-action-form" noValidate onSubmit={(event) => void submit(event)}>
      {spec.fields
        .filter((field) => isShown(field, values))
        .map((field) => (
          <FormField
            key={field.name}
            name={field.name}
            group={field.kind === 'agencies'}
            label={`actionField.${field.label ?? field.name}`}
            hint={field.hint ? `actionField.${field.label ?? field.name}.hint` : undefined}
            error={command.error(field.name) ?? (field.kindAt ? command.error(field.kindAt) : undefined)}
          >
            {(props) => control(field, props)}
          </FormField>
        ))}
      <FormOutcome unplaced={command.unplaced} />
      <button
        type="submit"
        className="utrecht-button utrecht-button--primary-action"
        disabled={command.fetching}
      >
        <FormattedMessage id={command.fetching ? 'action.busy' : 'action.submit'} />
      </button>
    </form>
  );
}
