import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReadDatabase } from '#platform';
import { ActivityRegister, ActivityView } from '#read-models';
import { apiError, ApiErrorCode } from '../errors/index.js';
import { scopeOf } from '../auth/index.js';
import { AccessLogRecorder, ReadAudit } from './access-log.recorder.js';
import { unknownPurpose } from './read-request.decorator.js';
import type { Disclosure } from '#read-models';

/** What a case read answers, and what of the logged categories that answer discloses. */
export interface LoggedResult<T> {
  readonly result: T;
  readonly disclosures: Iterable<Disclosure | undefined>;
}

/** The processing activity a read serves: the register entry its declared purpose names. */
export function activityOf(audit: ReadAudit): string {
  return audit.request.activity;
}

/**
 * Purpose limitation: a read serves the activity its x-purpose declares, and only an agreement of the
 * reader's agency in force for that activity lets it see a category. An agency whose agreements in force
 * serve other activities only is refused, before any row is read, so the refusal says nothing about case
 * data. An agency without any agreement in force reads as before: it sees no category, so nothing (its
 * activations answer NOT_FOUND, its feed stays empty), and a subscription opened before its agreement is
 * projected starts delivering once it is.
 */
function requirePurposeServed(view: ActivityView, audit: ReadAudit): void {
  const activity = view.activity;
  if (view.served !== 'not-served') return;
  throw apiError(
    ApiErrorCode.FORBIDDEN,
    `No agreement of your agency ${audit.actor.agency} in force serves the processing activity ${activity} ` +
      `(x-purpose ${audit.request.purpose}); read for an activity your agreements serve (me { agreementsInForce ` +
      '{ activities } }), or ask your policy admin to propose an agreement for it.',
    { reason: 'PURPOSE_NOT_SERVED' },
  );
}

/**
 * The one way to read case data: under row-level security for the actor's agency, with the access log
 * written in the same transaction from what the read says it returns. A read cannot hand data back
 * without naming its disclosures, and if the log line cannot be written the data is not returned.
 */
@Injectable()
export class LoggedReads {
  constructor(
    private readonly reads: ReadDatabase,
    private readonly accessLog: AccessLogRecorder,
    private readonly register: ActivityRegister,
  ) {}

  /**
   * `work` reads under `view`: what the agreements serving the read's activity let the agency see of the
   * rows it reads (ActivityView narrows them by the one redaction function).
   */
  async read<T>(
    audit: ReadAudit,
    work: (db: EntityManager, view: ActivityView) => Promise<LoggedResult<T>>,
  ): Promise<T> {
    // A register id that is not (or no longer) in the register is refused as text that is no id at all.
    if (!(await this.register.registered(activityOf(audit)))) throw unknownPurpose(audit.request.purpose);
    return this.reads.read(scopeOf(audit.actor), async (db) => {
      const view = await ActivityView.load(db, audit.actor.agency, activityOf(audit));
      requirePurposeServed(view, audit);
      const { result, disclosures } = await work(db, view);
      await this.accessLog.record(db, audit, activityOf(audit), disclosures);
      return result;
    });
  }
}
