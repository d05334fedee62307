import { DataCategory } from '#domain';
import type { AccessLogRecord } from './access-log.table.js';
import { Disclosure, LOGGED_CATEGORIES } from './disclosure.js';
import type { SubjectPseudonym } from './subject-pseudonym.js';

/**
 * The subject of lines about logged data that names no person by id (a reporter's name in a signal, a
 * health detail whose persons the reader may not see): still one line per activation, found by its id.
 */
export const UNNAMED_SUBJECT = 'unnamed';

/**
 * The lines one disclosure of data writes, whichever channel disclosed it (a GraphQL read, a Kafka
 * delivery): one per data subject per activation, naming the logged categories disclosed about them.
 */
export function accessLogLines(
  pseudonym: SubjectPseudonym,
  disclosures: Iterable<Disclosure | undefined>,
): AccessLogRecord['lines'] {
  const lines = new Map<
    string,
    { activationId: string; subjectRef: string; categories: Set<DataCategory> }
  >();
  for (const disclosure of disclosures) {
    if (!disclosure) continue;
    const refs = disclosure.subjectIds.length
      ? disclosure.subjectIds.map((id) => pseudonym.of(id))
      : [UNNAMED_SUBJECT];
    for (const subjectRef of refs) {
      const key = `${disclosure.activationId}\u0000${subjectRef}`;
      const line = lines.get(key) ?? {
        activationId: disclosure.activationId,
        subjectRef,
        categories: new Set(),
      };
      disclosure.categories.forEach((category) => line.categories.add(category));
      lines.set(key, line);
    }
  }
  return [...lines.values()].map((line) => ({
    activationId: line.activationId,
    subjectRef: line.subjectRef,
    categories: LOGGED_CATEGORIES.filter((c) => line.categories.has(c)),
  }));
}
