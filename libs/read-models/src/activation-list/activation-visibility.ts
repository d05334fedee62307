import { EntityManager } from 'typeorm';
import { timelineTable } from '../timeline/timeline.table.js';
import { activationsTable } from './activations.table.js';

/**
 * Whether the agency sees the activation at all: it has its list row, or, for an agency without CASE,
 * timeline entries of it (an agency may see, say, the interventions of a case without the case itself).
 */
export async function activationVisible(
  db: EntityManager,
  agency: string,
  activationId: string,
): Promise<boolean> {
  return (
    (await activationsTable.exists(db, agency, activationId)) ||
    (await timelineTable.exists(db, agency, activationId))
  );
}
