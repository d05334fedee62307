import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, DataCategory } from '#domain';
import { ReadRequest } from './read-request.decorator.js';
import { Disclosure, LOGGED_CATEGORIES } from './sensitive-data.classifier.js';
import { SubjectPseudonym } from './subject-pseudonym.provider.js';

/**
 * The subject of lines about logged data that names no person by id (a reporter's name in a signal, a
 * health detail whose persons the reader may not see): still one line per activation, found by its id.
 */
export const UNNAMED_SUBJECT = 'unnamed';

export interface ReadAudit {
  readonly actor: Actor;
  readonly request: ReadRequest;
  /** The GraphQL field that read the data. */
  readonly operation: string;
}

/**
 * Writes the access log ("Logboek Dataverwerkingen") for one read: one line per data subject per
 * activation, naming the logged categories returned about that subject. It runs in the read's own
 * transaction, so the data and its log line commit together or not at all.
 */
@Injectable()
export class AccessLogRecorder {
  constructor(private readonly pseudonym: SubjectPseudonym) {}

  async record(
    db: EntityManager,
    audit: ReadAudit,
    disclosures: Iterable<Disclosure | undefined>,
  ): Promise<void> {
    const lines = new Map<
      string,
      { activationId: string; subjectRef: string; categories: Set<DataCategory> }
    >();
    for (const disclosure of disclosures) {
      if (!disclosure) continue;
      const refs = disclosure.subjectIds.length
        ? disclosure.subjectIds.map((id) => this.pseudonym.of(id))
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
    if (lines.size === 0) return;
    const all = [...lines.values()];
    const { actor, request, operation } = audit;
    await db.query(
      `INSERT INTO access_log (trace_id, request_id, user_id, agency, role, purpose, operation, activation_id,
         categories, subject_ref)
       SELECT $1, $2, $3, $4, $5, $6, $7, line.activation_id, ARRAY(SELECT jsonb_array_elements_text(line.categories)),
              line.subject_ref
       FROM unnest($8::text[], $9::jsonb[], $10::text[]) AS line(activation_id, categories, subject_ref)`,
      [
        request.traceId,
        request.requestId,
        actor.userId,
        actor.agency,
        actor.role,
        request.purpose,
        operation,
        all.map((line) => line.activationId),
        all.map((line) => JSON.stringify(LOGGED_CATEGORIES.filter((c) => line.categories.has(c)))),
        all.map((line) => line.subjectRef),
      ],
    );
  }
}
