import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReadDatabase } from '#platform';
import { scopeOf } from '../auth/index.js';
import { AccessLogRecorder, ReadAudit } from './access-log.recorder.js';
import type { Disclosure } from '#read-models';

/** What a case read answers, and what of the logged categories that answer discloses. */
export interface LoggedResult<T> {
  readonly result: T;
  readonly disclosures: Iterable<Disclosure | undefined>;
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
  ) {}

  read<T>(audit: ReadAudit, work: (db: EntityManager) => Promise<LoggedResult<T>>): Promise<T> {
    return this.reads.read(scopeOf(audit.actor), async (db) => {
      const { result, disclosures } = await work(db);
      await this.accessLog.record(db, audit, disclosures);
      return result;
    });
  }
}
