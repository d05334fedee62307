import type { EntityManager } from 'typeorm';

/** The Kafka cluster a relay published to, and the replacement it last noticed. */
export interface RelayCluster {
  clusterId: string;
  since: Date;
  previousClusterId?: string;
  /** Where the republishing to this cluster started: the checkpoint the replaced cluster had reached. */
  republishedFrom?: number;
}

interface ClusterRow {
  cluster_id: string;
  since: Date;
  previous_cluster_id: string | null;
  republished_from: string | null;
}

/** relay_clusters: the only module that reads or writes it. */
export const relayClusters = {
  async find(db: EntityManager, relay: string): Promise<RelayCluster | undefined> {
    const [row]: ClusterRow[] = await db.query(
      `SELECT cluster_id, since, previous_cluster_id, republished_from::text AS republished_from
       FROM relay_clusters WHERE relay = $1`,
      [relay],
    );
    if (!row) return undefined;
    return {
      clusterId: row.cluster_id,
      since: row.since,
      previousClusterId: row.previous_cluster_id ?? undefined,
      republishedFrom: row.republished_from === null ? undefined : Number(row.republished_from),
    };
  },

  /** The first cluster a relay sees (a new database, or one from before the table existed). */
  async recordFirst(db: EntityManager, relay: string, clusterId: string): Promise<void> {
    await db.query(
      `INSERT INTO relay_clusters (relay, cluster_id) VALUES ($1, $2) ON CONFLICT (relay) DO NOTHING`,
      [relay, clusterId],
    );
  },

  /** A replacement: the new cluster, the one it replaced and the checkpoint that cluster had reached. */
  async recordReplacement(
    db: EntityManager,
    relay: string,
    change: { from: string; to: string; republishedFrom: number },
  ): Promise<void> {
    await db.query(
      `UPDATE relay_clusters
       SET cluster_id = $3, since = clock_timestamp(), previous_cluster_id = $2, republished_from = $4
       WHERE relay = $1 AND cluster_id = $2`,
      [relay, change.from, change.to, change.republishedFrom],
    );
  },
};
