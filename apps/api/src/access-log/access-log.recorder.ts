import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '#domain';
import { SubjectPseudonym } from '#events';
import { accessLogLines, accessLogTable, ActivityRegister, Disclosure } from '#read-models';
import { ReadRequest } from './read-request.decorator.js';
import { newSpanId } from './trace-context.value.js';

export interface ReadAudit {
  readonly actor: Actor;
  readonly request: ReadRequest;
  /** The GraphQL field that read the data. */
  readonly operation: string;
}

/**
 * Writes the access log ("Logboek Dataverwerkingen") for one read, a processing action of its own: a new
 * span in the request's trace, one line per data subject per activation naming the logged categories
 * returned about them, and the audit record of who read. It runs in the read's own transaction, so the
 * data and its log commit together or not at all.
 */
@Injectable()
export class AccessLogRecorder {
  constructor(
    private readonly pseudonym: SubjectPseudonym,
    private readonly register: ActivityRegister,
  ) {}

  async record(
    db: EntityManager,
    audit: ReadAudit,
    activity: string,
    disclosures: Iterable<Disclosure | undefined>,
  ): Promise<void> {
    const { actor, request, operation } = audit;
    const lines = accessLogLines(this.pseudonym, disclosures);
    if (lines.length === 0) return;
    await accessLogTable.record(db, {
      traceId: request.traceId,
      spanId: newSpanId(),
      parentSpanId: request.spanId,
      activityUri: await this.register.uriOf(activity),
      status: 'OK',
      agency: actor.agency,
      purpose: request.purpose,
      operation,
      audit: { userId: actor.userId, role: actor.role, requestId: request.requestId },
      lines,
    });
  }
}
