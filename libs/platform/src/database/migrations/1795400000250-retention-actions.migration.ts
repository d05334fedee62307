import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the retention job did (issue 19, Archiefwet): one row per activation it destroyed, written before
 * it shreds (STARTED) and again after (DESTROYED, with the moment), so a job that crashed halfway takes the
 * activation up again and one that finished never does it twice. CASE-level facts only: the case number,
 * the selection-list category and the day of destruction, never what was destroyed. Privacy officers and
 * policy admins read the rows of the activations their agency was entitled to (`agencies`); only the
 * worker writes.
 */
export class RetentionActions1795400000250 implements MigrationInterface {
  name = 'RetentionActions1795400000250';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE retention_actions (
        activation_id  text        PRIMARY KEY,
        case_number    text,
        region         text        NOT NULL,
        agencies       text[]      NOT NULL,
        category       text        NOT NULL,
        action_date    date        NOT NULL,
        outcome        text        NOT NULL CHECK (outcome IN ('STARTED', 'DESTROYED', 'FAILED')),
        attempts       integer     NOT NULL DEFAULT 1,
        error          text,
        started_at     timestamptz NOT NULL,
        executed_at    timestamptz
      )`);
    await db.query(`CREATE INDEX retention_actions_by_executed_at ON retention_actions (executed_at)`);
    await db.query(`ALTER TABLE retention_actions ENABLE ROW LEVEL SECURITY`);
    await db.query(
      `CREATE POLICY retention_actions_read ON retention_actions FOR SELECT TO keten_api
       USING (current_setting('keten.role', true) IN ('PRIVACY_OFFICER', 'POLICY_ADMIN')
              AND current_setting('keten.agency', true) = ANY (agencies))`,
    );
    await db.query(`GRANT SELECT ON retention_actions TO keten_api`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE retention_actions`);
  }
}
