import { Kafka } from 'kafkajs';

export interface TopicLayout {
  partitions: number;
  replicationFactor: number;
}

/** Creates the feed topics the relay is about to publish to, checking each one with the broker once per process. */
export class FeedTopics {
  private readonly known = new Set<string>();

  constructor(
    private readonly kafka: Kafka,
    private readonly layout: TopicLayout,
  ) {}

  /** After a failed send: a topic may have been deleted meanwhile, so the next batch checks again. */
  forget(): void {
    this.known.clear();
  }

  async ensure(topics: readonly string[]): Promise<void> {
    const unknown = topics.filter((topic) => !this.known.has(topic));
    if (unknown.length === 0) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = unknown.filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.layout.partitions,
            replicationFactor: this.layout.replicationFactor,
          })),
        });
      }
      unknown.forEach((topic) => this.known.add(topic));
    } finally {
      await admin.disconnect();
    }
  }
}
