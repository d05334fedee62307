import { DataSource } from 'typeorm';

/** The LISTEN/NOTIFY channel on which appends wake the subscriptions (payload-free: they read the table). */
export const EVENTS_CHANNEL = 'keten_events';

/**
 * Wakes the subscriptions after appends have committed, from outside the appending transactions: a
 * transaction that NOTIFYs takes a cluster-wide lock at commit, which would serialise every append's
 * commit (and its WAL flush) behind the others. Here a burst of appends costs one notification in
 * flight plus one after it; a notification lost to a crash costs only the subscriptions' poll interval.
 */
export class CommitWakeUp {
  private inFlight = false;
  private again = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Fire and forget: the append has committed whatever becomes of the notification. */
  committed(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.dataSource
      .query(`SELECT pg_notify($1, '')`, [EVENTS_CHANNEL])
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = false;
        if (this.again) {
          this.again = false;
          this.committed();
        }
      });
  }
}
