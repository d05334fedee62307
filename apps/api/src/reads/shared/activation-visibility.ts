import { EntityManager } from 'typeorm';

/**
 * Whether the agency sees the activation at all: it has its list row, or, for an agency without CASE,
 * timeline entries of it (an agency may see, say, the interventions of a case without the case itself).
 */
export async function activationVisible(
  db: EntityManager,
  agency: string,
  activationId: string,
): Promise<boolean> {
  const [{ visible }] = await db.query(
    `SELECT EXISTS (SELECT FROM rm_activations WHERE agency = $1 AND activation_id = $2)
         OR EXISTS (SELECT FROM rm_timeline WHERE agency = $1 AND activation_id = $2) AS visible`,
    [agency, activationId],
  );
  return visible;
}
