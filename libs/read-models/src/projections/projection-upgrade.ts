import { DataSource } from 'typeorm';
import { checkpointsTable } from '#events';
import { ProjectionDefinition } from './projection.catalogue.js';
import { projectionVersionsTable } from './projection-versions.table.js';

export interface ProjectionUpgrade {
  readonly name: string;
  readonly from: number | undefined;
  readonly to: number;
  /** What was done: nothing (already current), recorded (first start, or `continue`), or rebuilt. */
  readonly action: 'none' | 'recorded' | 'rebuilding';
}

/**
 * Brings every projection to the version of this code before its subscription starts. A `rebuild`
 * projection whose tables were written by another version is emptied and its checkpoint moved back to
 * the start, in one transaction holding its checkpoint (a worker projecting meanwhile waits for it); its
 * subscription then projects every event again, and its lag (metrics, /health/projections) shows the
 * progress. A projection without a recorded version on a database that holds events was written by a
 * release from before versions were kept: it counts as version 1, the rules of that release.
 */
export async function upgradeProjections(
  dataSource: DataSource,
  projections: readonly ProjectionDefinition[],
  log: (message: string) => void = () => undefined,
): Promise<ProjectionUpgrade[]> {
  const upgrades: ProjectionUpgrade[] = [];
  for (const projection of projections) {
    const upgrade = await dataSource.transaction(async (tx) => {
      await checkpointsTable.ensure(tx, projection.name);
      await checkpointsTable.lock(tx, projection.name);
      const from = await projectionVersionsTable.lock(tx, projection.name);
      if (from === projection.version)
        return { name: projection.name, from, to: from, action: 'none' as const };
      if (from === undefined || projection.onNewVersion === 'continue') {
        await projectionVersionsTable.record(tx, projection.name, projection.version);
        return { name: projection.name, from, to: projection.version, action: 'recorded' as const };
      }
      await projectionVersionsTable.empty(tx, projection.tables);
      await checkpointsTable.reset(tx, projection.name);
      await projectionVersionsTable.record(tx, projection.name, projection.version);
      return { name: projection.name, from, to: projection.version, action: 'rebuilding' as const };
    });
    if (upgrade.action === 'rebuilding') {
      log(
        `projection ${upgrade.name} was written by version ${upgrade.from}; rebuilding it as version ` +
          `${upgrade.to} from the first event (progress: /health/projections and keten_subscription_behind)`,
      );
    } else if (upgrade.action === 'recorded' && upgrade.from !== undefined) {
      log(`projection ${upgrade.name} is now version ${upgrade.to}; what it wrote before stays as it was`);
    }
    upgrades.push(upgrade);
  }
  return upgrades;
}
