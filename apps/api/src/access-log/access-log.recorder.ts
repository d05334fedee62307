import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, DataCategory } from '#domain';
import { accessLogTable } from '#read-models';
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
    const { actor, request, operation } = audit;
    await accessLogTable.record(db, {
      traceId: request.traceId,
      requestId: request.requestId,
      userId: actor.userId,
      agency: actor.agency,
      role: actor.role,
      purpose: request.purpose,
      operation,
      lines: [...lines.values()].map((line) => ({
        activationId: line.activationId,
        subjectRef: line.subjectRef,
        categories: LOGGED_CATEGORIES.filter((c) => line.categories.has(c)),
      })),
    });
  }
}
