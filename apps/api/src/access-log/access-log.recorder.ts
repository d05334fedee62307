import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '#domain';
import { accessLogLines, accessLogTable, Disclosure, SubjectPseudonym } from '#read-models';
import { ReadRequest } from './read-request.decorator.js';

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
    const { actor, request, operation } = audit;
    await accessLogTable.record(db, {
      traceId: request.traceId,
      requestId: request.requestId,
      userId: actor.userId,
      agency: actor.agency,
      role: actor.role,
      purpose: request.purpose,
      operation,
      lines: accessLogLines(this.pseudonym, disclosures),
    });
  }
}
