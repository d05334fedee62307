import { EntityManager } from 'typeorm';
import { ActivationFacts } from './activation-facts.js';

/**
 * The facts tables: each projector's own memory of every activation (ActivationFacts, unredacted, one
 * jsonb row per activation). The read models keep rm_activation_facts, the feeds feed_activation_facts,
 * each as of its own subscription. Never granted to the api.
 */
export type FactsTable = 'rm_activation_facts' | 'feed_activation_facts';

export const activationFactsTable = {
  async load(
    tx: EntityManager,
    table: FactsTable,
    activationIds: readonly string[],
  ): Promise<Map<string, ActivationFacts>> {
    if (activationIds.length === 0) return new Map();
    const rows: { facts: ActivationFacts }[] = await tx.query(
      `SELECT facts FROM ${table} WHERE activation_id = ANY($1)`,
      [activationIds],
    );
    return new Map(rows.map(({ facts }) => [facts.activationId, facts]));
  },

  async save(tx: EntityManager, table: FactsTable, facts: readonly ActivationFacts[]): Promise<void> {
    if (facts.length === 0) return;
    await tx.query(
      `INSERT INTO ${table} (activation_id, facts)
       SELECT * FROM unnest($1::text[], $2::jsonb[])
       ON CONFLICT (activation_id) DO UPDATE SET facts = EXCLUDED.facts`,
      [facts.map((f) => f.activationId), facts.map((f) => JSON.stringify(f))],
    );
  },

  /**
   * The activations an agency is entitled to: as participant, or as coordinator of their region
   * (`regions`); and those it contributed to, whose own entries it keeps after leaving.
   */
  async entitling(
    tx: EntityManager,
    table: FactsTable,
    agency: string,
    regions: readonly string[],
  ): Promise<ActivationFacts[]> {
    const rows: { facts: ActivationFacts }[] = await tx.query(
      `SELECT facts FROM ${table} WHERE facts->>'region' = ANY($2) OR facts->'participants' ? $1
         OR facts->'contributors' ? $1 OR facts->'addressed' ? $1`,
      [agency, regions],
    );
    return rows.map(({ facts }) => facts);
  },

  /**
   * Closed activations, a page at a time in activation-id order after `afterId`: what the retention job
   * weighs against its archive decision. Read only; the job never deletes facts.
   */
  async closed(
    tx: EntityManager,
    table: FactsTable,
    afterId: string | null,
    limit: number,
  ): Promise<ActivationFacts[]> {
    const rows: { facts: ActivationFacts }[] = await tx.query(
      `SELECT facts FROM ${table}
       WHERE facts->>'status' = 'CLOSED' AND ($1::text IS NULL OR activation_id > $1)
       ORDER BY activation_id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map(({ facts }) => facts);
  },
};
