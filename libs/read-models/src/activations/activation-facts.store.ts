import { EntityManager } from 'typeorm';
import { ActivationFacts } from './activation-facts.js';

/** Where a projector keeps its facts: the read models and the feeds each keep their own. */
export type FactsTable = 'rm_activation_facts' | 'feed_activation_facts';

export async function loadFacts(
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
}

export async function saveFacts(
  tx: EntityManager,
  table: FactsTable,
  facts: readonly ActivationFacts[],
): Promise<void> {
  if (facts.length === 0) return;
  await tx.query(
    `INSERT INTO ${table} (activation_id, facts)
     SELECT * FROM unnest($1::text[], $2::jsonb[])
     ON CONFLICT (activation_id) DO UPDATE SET facts = EXCLUDED.facts`,
    [facts.map((f) => f.activationId), facts.map((f) => JSON.stringify(f))],
  );
}
