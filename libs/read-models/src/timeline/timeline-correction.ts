import { ActivationEventType } from '#domain';

/*
 * How a correction event, as one agency may see it (after the one redaction), changes what that agency
 * already holds: the corrected entry of its timeline shows the corrected value and is marked, and the
 * list row shows the corrected location or employer. Only values the agency sees in the correction are
 * written, and a correction is classified like what it corrects, so nothing the agency could not see of
 * the original reaches it through the correction. Pure: the tables apply it.
 */

type Payload = Record<string, unknown>;

/** Which timeline entry a correction is about: the activation's opening, or one signal or finding. */
export type CorrectedEntry =
  | { readonly eventType: 'activation.opened' }
  | { readonly eventType: 'signal.recorded'; readonly idField: 'signalId'; readonly id: string }
  | { readonly eventType: 'finding.recorded'; readonly idField: 'findingId'; readonly id: string };

export interface Correction {
  readonly entry: CorrectedEntry;
  /** Withdrawn: the entry was misfiled; corrected: some of its values were wrong. */
  readonly mark: 'corrected' | 'withdrawn';
  /** The entry's payload as corrected (a new object; the input untouched). */
  readonly patch: (payload: Payload) => Payload;
  /** What the list row shows instead, when the correction is about the activation itself. */
  readonly listRow?: { readonly location?: unknown; readonly employer?: unknown };
}

export const CORRECTION_EVENT_TYPES: readonly ActivationEventType[] = [
  'subject.corrected',
  'finding.corrected',
  'entry.withdrawn',
  'location.corrected',
  'employer.corrected',
  'region.corrected',
];

/** The correction a visible event makes, or undefined when it corrects nothing. */
export function correctionOf(type: string, visibleData: unknown): Correction | undefined {
  const data = (visibleData ?? {}) as Payload;
  switch (type) {
    case 'subject.corrected': {
      const subject = data.subject as Payload | null | undefined;
      const subjectId = subject?.subjectId;
      return {
        entry: entryOf(data),
        mark: 'corrected',
        // An agency that may not see the entry's persons sees no subjectId either: nothing to replace.
        patch: (payload) =>
          typeof subjectId !== 'string' || !Array.isArray(payload.subjects)
            ? payload
            : {
                ...payload,
                subjects: payload.subjects.map((recorded) =>
                  (recorded as Payload | null)?.subjectId === subjectId ? subject : recorded,
                ),
              },
      };
    }
    case 'finding.corrected': {
      const findingId = data.findingId;
      if (typeof findingId !== 'string') return undefined;
      return {
        entry: { eventType: 'finding.recorded', idField: 'findingId', id: findingId },
        mark: 'corrected',
        patch: (payload) => ({
          ...payload,
          ...(Object.hasOwn(data, 'description') && { description: data.description }),
          ...(Object.hasOwn(data, 'amounts') && { amounts: data.amounts }),
        }),
      };
    }
    case 'entry.withdrawn':
      return { entry: entryOf(data), mark: 'withdrawn', patch: (payload) => payload };
    case 'location.corrected':
      return {
        entry: { eventType: 'activation.opened' },
        mark: 'corrected',
        patch: (payload) => ({ ...payload, location: data.location }),
        listRow: { location: data.location },
      };
    case 'employer.corrected':
      return {
        entry: { eventType: 'activation.opened' },
        mark: 'corrected',
        patch: (payload) => ({ ...payload, employer: data.employer }),
        listRow: { employer: data.employer },
      };
    case 'region.corrected':
      return {
        entry: { eventType: 'activation.opened' },
        mark: 'corrected',
        patch: (payload) => ({ ...payload, region: data.region, municipality: data.municipality }),
        listRow: {},
      };
    default:
      return undefined;
  }
}

function entryOf(data: Payload): CorrectedEntry {
  const id = String(data.entryId);
  return data.entryKind === 'SIGNAL'
    ? { eventType: 'signal.recorded', idField: 'signalId', id }
    : { eventType: 'finding.recorded', idField: 'findingId', id };
}
