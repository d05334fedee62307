import { EntityManager } from 'typeorm';
import type { VersionTokens } from '#events';
import { activationsTable } from '#read-models';
import type { LoggedResult } from '../../access-log/index.js';
import { ActivationView } from './activation.type.js';
import { disclosureOfRow, toActivationView } from './activation-row.mapper.js';

/** The activation as `agency` sees it, with what it discloses, or undefined when it sees none. */
export async function activationViewOf(
  db: EntityManager,
  agency: string,
  id: string,
  tokens: VersionTokens,
): Promise<LoggedResult<ActivationView> | undefined> {
  const row = await activationsTable.find(db, agency, id);
  return row && { result: toActivationView(row, tokens), disclosures: [disclosureOfRow(row)] };
}
