import { DataCategory } from '#domain';
import type { AccessLogLine } from './access-log.table.js';
import { Disclosure, LOGGED_CATEGORIES } from './disclosure.js';
import { SubjectIdType, type SubjectPseudonym } from '#events';

/**
 * The subject of lines about logged data that names no person by id (a reporter's name in a signal, a
 * health detail whose persons the reader may not see): still one line per activation, found by its id.
 */
export const UNNAMED_SUBJECT = 'unnamed';

/**
 * The lines one processing action writes, whichever channel disclosed the data (a GraphQL read, a Kafka
 * delivery): one per data subject per activation, naming the logged categories disclosed about them. A
 * subject whose BSN this action disclosed anywhere in the activation (a signal names the BSN, a finding
 * only the subject id) is pseudonymised by the BSN, so one person is one pseudonym across cases; any other
 * by activation and subject id.
 */
export function accessLogLines(
  pseudonym: SubjectPseudonym,
  disclosures: Iterable<Disclosure | undefined>,
): AccessLogLine[] {
  const given = [...disclosures].filter((d): d is Disclosure => d !== undefined);
  const bsns = new Map<string, string>();
  for (const disclosure of given) {
    for (const [subjectId, bsn] of disclosure.bsnOf ?? []) {
      bsns.set(`${disclosure.activationId}\u0000${subjectId}`, bsn);
    }
  }
  const lines = new Map<string, Omit<AccessLogLine, 'categories'> & { categories: Set<DataCategory> }>();
  for (const disclosure of given) {
    const subjects = disclosure.subjectIds.length
      ? disclosure.subjectIds.map((subjectId) => {
          const caseSubjectRef = pseudonym.ofCaseSubject(disclosure.activationId, subjectId);
          const bsn = bsns.get(`${disclosure.activationId}\u0000${subjectId}`);
          return bsn === undefined
            ? { subjectRef: caseSubjectRef, subjectType: SubjectIdType.CASE_SUBJECT, caseSubjectRef }
            : { subjectRef: pseudonym.ofBsn(bsn), subjectType: SubjectIdType.BSN, caseSubjectRef };
        })
      : [{ subjectRef: UNNAMED_SUBJECT, subjectType: SubjectIdType.UNNAMED, caseSubjectRef: null }];
    for (const subject of subjects) {
      const key = `${disclosure.activationId}\u0000${subject.subjectRef}`;
      const line = lines.get(key) ?? {
        activationId: disclosure.activationId,
        ...subject,
        categories: new Set(),
      };
      disclosure.categories.forEach((category) => line.categories.add(category));
      lines.set(key, line);
    }
  }
  return [...lines.values()].map((line) => ({
    ...line,
    categories: LOGGED_CATEGORIES.filter((c) => line.categories.has(c)),
  }));
}
