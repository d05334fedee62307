import { EntityManager } from 'typeorm';

/**
 * retention_actions: what the retention job did, one row per activation (issue 19, Archiefwet). The
 * worker writes it; the api reads it as keten_api, under row-level security (privacy officers and policy
 * admins of the agencies entitled to the activation). CASE-level facts only.
 */
export type RetentionOutcome = 'STARTED' | 'DESTROYED' | 'FAILED';

export interface RetentionActionStart {
  readonly activationId: string;
  readonly caseNumber: string | null;
  readonly region: string;
  /** The agencies entitled to the activation (participants, its region's coordinators, contributors). */
  readonly agencies: readonly string[];
  readonly category: string;
  /** YYYY-MM-DD. */
  readonly actionDate: string;
  readonly startedAt: Date;
}

export interface RetentionActionRow {
  activation_id: string;
  case_number: string | null;
  region: string;
  category: string;
  /** YYYY-MM-DD. */
  action_date: string;
  outcome: RetentionOutcome;
  attempts: number;
  error: string | null;
  started_at: Date;
  executed_at: Date | null;
}

export const retentionActionsTable = {
  /** Of these activations, those destroyed already: the job never does one twice. */
  async destroyedAmong(tx: EntityManager, activationIds: readonly string[]): Promise<Set<string>> {
    if (activationIds.length === 0) return new Set();
    const rows: { activation_id: string }[] = await tx.query(
      `SELECT activation_id FROM retention_actions WHERE activation_id = ANY($1) AND outcome = 'DESTROYED'`,
      [activationIds],
    );
    return new Set(rows.map((row) => row.activation_id));
  },

  /**
   * Written before the shredding, committed on its own: a crash leaves STARTED behind, which the next run
   * takes up again (the shredding is idempotent). A destroyed row is never started again.
   */
  async start(tx: EntityManager, action: RetentionActionStart): Promise<void> {
    await tx.query(
      `INSERT INTO retention_actions
         (activation_id, case_number, region, agencies, category, action_date, outcome, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'STARTED', $7)
       ON CONFLICT (activation_id) DO UPDATE SET
         case_number = EXCLUDED.case_number, region = EXCLUDED.region, agencies = EXCLUDED.agencies,
         category = EXCLUDED.category, action_date = EXCLUDED.action_date, outcome = 'STARTED',
         attempts = retention_actions.attempts + 1, error = NULL, started_at = EXCLUDED.started_at
       WHERE retention_actions.outcome <> 'DESTROYED'`,
      [
        action.activationId,
        action.caseNumber,
        action.region,
        [...action.agencies],
        action.category,
        action.actionDate,
        action.startedAt,
      ],
    );
  },

  async destroyed(tx: EntityManager, activationId: string, executedAt: Date): Promise<void> {
    await tx.query(
      `UPDATE retention_actions SET outcome = 'DESTROYED', executed_at = $2, error = NULL WHERE activation_id = $1`,
      [activationId, executedAt],
    );
  },

  /** `error`: a code and a sentence, never personal data (the shredder's errors name ids only). */
  async failed(tx: EntityManager, activationId: string, error: string): Promise<void> {
    await tx.query(
      `UPDATE retention_actions SET outcome = 'FAILED', error = $2
       WHERE activation_id = $1 AND outcome <> 'DESTROYED'`,
      [activationId, error.slice(0, 1000)],
    );
  },

  /** Every row of these activations, whatever its outcome (for the job's own tests and log). */
  async of(tx: EntityManager, activationIds: readonly string[]): Promise<RetentionActionRow[]> {
    return tx.query(
      `SELECT activation_id, case_number, region, category, to_char(action_date, 'YYYY-MM-DD') AS action_date,
              outcome, attempts, error, started_at, executed_at
       FROM retention_actions WHERE activation_id = ANY($1) ORDER BY activation_id`,
      [activationIds],
    );
  },

  /**
   * The destruction report: what was destroyed when, newest first, a page after `after` (executed_at and
   * activation id of the previous page's last row). Read by the api under row-level security.
   */
  async destroyedReport(
    tx: EntityManager,
    query: {
      readonly from?: string;
      readonly to?: string;
      readonly after?: readonly [string, string];
      readonly limit: number;
    },
  ): Promise<RetentionActionRow[]> {
    const where = [`outcome = 'DESTROYED'`];
    const params: unknown[] = [];
    if (query.from) {
      params.push(query.from);
      where.push(`executed_at >= $${params.length}`);
    }
    if (query.to) {
      params.push(query.to);
      where.push(`executed_at < $${params.length}`);
    }
    if (query.after) {
      params.push(query.after[0], query.after[1]);
      where.push(`(executed_at, activation_id) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(query.limit);
    return tx.query(
      `SELECT activation_id, case_number, region, category, to_char(action_date, 'YYYY-MM-DD') AS action_date,
              outcome, attempts, error, started_at, executed_at
       FROM retention_actions WHERE ${where.join(' AND ')}
       ORDER BY executed_at DESC, activation_id DESC LIMIT $${params.length}`,
      params,
    );
  },
};
