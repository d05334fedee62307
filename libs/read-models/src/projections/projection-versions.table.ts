import { EntityManager } from 'typeorm';

/** projection_versions: the version of each projection that wrote what its tables hold now. */
export interface ProjectionVersionRow {
  name: string;
  version: number;
  updated_at: Date;
}

export const projectionVersionsTable = {
  /** The stored version, locked until the transaction ends; undefined before it was ever recorded. */
  async lock(tx: EntityManager, name: string): Promise<number | undefined> {
    await tx.query(
      `INSERT INTO projection_versions (name, version) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING`,
      [name],
    );
    const [row]: { version: number }[] = await tx.query(
      `SELECT version FROM projection_versions WHERE name = $1 FOR UPDATE`,
      [name],
    );
    return row.version === 0 ? undefined : row.version;
  },

  async record(tx: EntityManager, name: string, version: number): Promise<void> {
    await tx.query(
      `UPDATE projection_versions SET version = $2, updated_at = clock_timestamp() WHERE name = $1`,
      [name, version],
    );
  },

  all(db: EntityManager): Promise<ProjectionVersionRow[]> {
    return db.query(`SELECT name, version, updated_at FROM projection_versions ORDER BY name`);
  },

  /** Empties a projection's tables (the caller holds its checkpoint and version locks). */
  async empty(tx: EntityManager, tables: readonly string[]): Promise<void> {
    await tx.query(`TRUNCATE ${tables.join(', ')}`);
  },

  /** Fresh planner statistics for tables just rebuilt (see read-model.rebuild.ts). */
  async analyze(db: EntityManager, tables: readonly string[]): Promise<void> {
    await db.query(`ANALYZE ${tables.join(', ')}`);
  },
};
