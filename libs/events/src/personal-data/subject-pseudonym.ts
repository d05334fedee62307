import { createHmac } from 'node:crypto';
import type { SubjectPseudonyms } from '#domain';

/**
 * How a line's pseudonym was made (Logboek Dataverwerkingen: `dpl.core.data_subject_id_type`).
 * - `BSN`: of the person's BSN, so one person is one pseudonym across cases and agencies;
 * - `CASE_SUBJECT`: of activation id and subject id, for a person the case names without a BSN;
 * - `SUBJECT_ID`: of the subject id alone, as lines written before this distinction were (the same id in
 *   two cases may be two people, so such a line is answered only within its activation);
 * - `UNNAMED`: data about persons the line cannot name (`unnamed`).
 */
export enum SubjectIdType {
  BSN = 'BSN',
  CASE_SUBJECT = 'CASE_SUBJECT',
  SUBJECT_ID = 'SUBJECT_ID',
  UNNAMED = 'UNNAMED',
}

/**
 * Subjects in the access log are pseudonyms: HMAC-SHA256 under a secret key, so the log names no person
 * and only who holds the key (the api and the worker's relay) can turn a BSN or a subject id into the
 * pseudonym to search for. Each kind hashes a distinct, prefixed input, so a subject id that happens to
 * look like a BSN never collides with a BSN's pseudonym. Changing the key orphans older lines.
 */
export class SubjectPseudonym implements SubjectPseudonyms {
  constructor(private readonly key: string) {}

  /** Of a BSN (nine digits): the same person in every case. */
  ofBsn(bsn: string): string {
    return this.hash(`bsn:${bsn}`);
  }

  /** Of a person the case names by its own subject id: the id means one person within one activation only. */
  ofCaseSubject(activationId: string, subjectId: string): string {
    return this.hash(`subject:${activationId}\u0000${subjectId}`);
  }

  /** The pseudonym of lines written before BSN pseudonyms (`SUBJECT_ID`): of the subject id alone. */
  ofLegacySubjectId(subjectId: string): string {
    return this.hash(subjectId);
  }

  private hash(input: string): string {
    return createHmac('sha256', this.key).update(input, 'utf8').digest('hex');
  }
}
