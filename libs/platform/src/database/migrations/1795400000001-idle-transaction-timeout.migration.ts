import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The subscriptions read only below the oldest running transaction, so a session left idle inside a
 * transaction would stall every projection and feed. Sessions of this database end such transactions.
 */
export class IdleTransactionTimeout1795400000001 implements MigrationInterface {
  name = 'IdleTransactionTimeout1795400000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout = %L', current_database(), '60s'); END $$`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET idle_in_transaction_session_timeout', current_database()); END $$`,
    );
  }
}
