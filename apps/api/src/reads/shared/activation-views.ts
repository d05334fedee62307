import { EntityManager } from 'typeorm';
import type { VersionTokens } from '#events';
import { activationsTable, type ActivityView } from '#read-models';
import type { LoggedResult } from '../../access-log/index.js';
import { ActivationView } from './activation.type.js';
import { disclosureOfRow, toActivationView } from './activation-row.mapper.js';

/**
 * The activation as `agency` sees it for the read's activity (`view`), with what it discloses, or
 * undefined when it sees none.
 */
export async function activationViewOf(
  db: EntityManager,
  view: ActivityView,
  agency: string,
  id: string,
  tokens: VersionTokens,
): Promise<LoggedResult<ActivationView> | undefined> {
  const found = await activationsTable.find(db, agency, id);
  const row = found && view.activation(found);
  return (
    row && {
      result: toActivationView(row, tokens, view.measuresVisible(row.region)),
      disclosures: [disclosureOfRow(row)],
    }
  );
}
