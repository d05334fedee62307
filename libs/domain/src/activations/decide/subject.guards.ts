import { reject } from '../../shared/rejection.js';
import { ActivationErrorCode } from '../activation.errors.js';

/** A person as a command names them: the case's own subject id, and the BSN when known. */
export interface NamedSubject {
  readonly subjectId: string;
  readonly bsn?: string;
}

/**
 * One person, one subject: within an activation a subject id stands for one BSN and a BSN for one subject
 * id, across every signal and finding and within the command itself. A subject first recorded without a
 * BSN may have it added later. The sentences name neither the BSN on record nor the other subject's id:
 * the author learns only that the pair does not fit, which is what a participant must know to put it right
 * (docs/security.md: what a refusal tells).
 */
export function requireOnePersonPerSubject(
  known: ReadonlyMap<string, { readonly bsn?: string }>,
  subjects: readonly NamedSubject[] | undefined,
  field = 'subjects',
): void {
  if (!subjects?.length) return;
  const bsnOf = new Map<string, string>();
  const subjectOf = new Map<string, string>();
  for (const [subjectId, { bsn }] of known) {
    // What a correction replaced (kept under `<subjectId>\u0000before-…` so free text cannot name it either)
    // was wrong: it binds no BSN to anyone.
    if (bsn === undefined || subjectId.includes('\u0000')) continue;
    bsnOf.set(subjectId, bsn);
    subjectOf.set(bsn, subjectId);
  }
  for (const [i, { subjectId, bsn }] of subjects.entries()) {
    if (bsn === undefined) continue;
    const recorded = bsnOf.get(subjectId);
    if (recorded !== undefined && recorded !== bsn) {
      reject(
        ActivationErrorCode.SUBJECT_CONFLICT,
        `Subject ${subjectId} stands for a person with another BSN in this activation; give this person a ` +
          'subject id of their own, or correct the subject if the BSN on record is wrong.',
        `${field}[${i}].bsn`,
      );
    }
    const holder = subjectOf.get(bsn);
    if (holder !== undefined && holder !== subjectId) {
      reject(
        ActivationErrorCode.SUBJECT_CONFLICT,
        `This BSN is recorded under another subject id in this activation; record the person under the ` +
          'subject id they already have (see the timeline), or correct that subject if the BSN is wrong.',
        `${field}[${i}].bsn`,
      );
    }
    bsnOf.set(subjectId, bsn);
    subjectOf.set(bsn, subjectId);
  }
}
