import kafkajs, { Admin, Kafka } from 'kafkajs';

// kafkajs is CommonJS: Node's ESM loader finds no named export ConfigResourceTypes in it (only the default).
const { ConfigResourceTypes } = kafkajs;

export interface TopicLayout {
  partitions: number;
  replicationFactor: number;
  /**
   * The retention.ms a topic is to have (FEED_TOPIC_RETENTION for its agency); undefined leaves the
   * broker's setting alone.
   */
  retentionMsOf?: (topic: string) => number | undefined;
}

const RETENTION = 'retention.ms';
/** Where describeConfigs says a topic's own (dynamic) setting comes from, as opposed to a default. */
const TOPIC_CONFIG_SOURCE = 1;

interface DescribedEntry {
  configName: string;
  configValue: string | null;
  configSource?: number;
  isDefault?: boolean;
  isSensitive?: boolean;
  readOnly?: boolean;
}

/**
 * Creates the feed topics the relay is about to publish to, checking each one with the broker once per
 * process: a missing topic is created with its agency's retention, an existing one whose retention.ms
 * differs from the configured one is altered, so the broker keeps no agency's personal data longer than
 * its agreement (issue 19).
 */
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
          topics: missing.map((topic) => {
            const retention = this.layout.retentionMsOf?.(topic);
            return {
              topic,
              numPartitions: this.layout.partitions,
              replicationFactor: this.layout.replicationFactor,
              ...(retention === undefined
                ? {}
                : { configEntries: [{ name: RETENTION, value: String(retention) }] }),
            };
          }),
        });
      }
      await this.alignRetention(
        admin,
        unknown.filter((topic) => existing.has(topic)),
      );
      unknown.forEach((topic) => this.known.add(topic));
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Sets retention.ms on existing topics whose value differs from the configured one. Kafka's AlterConfigs
   * replaces a topic's whole set of own settings, so the others it has are sent along unchanged.
   */
  private async alignRetention(admin: Admin, topics: readonly string[]): Promise<void> {
    const wanted = new Map(
      topics.flatMap((topic) => {
        const ms = this.layout.retentionMsOf?.(topic);
        return ms === undefined ? [] : [[topic, String(ms)] as const];
      }),
    );
    if (wanted.size === 0) return;
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [...wanted.keys()].map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    });
    const changes = described.resources.flatMap((resource) => {
      const entries = resource.configEntries as DescribedEntry[];
      const value = wanted.get(resource.resourceName);
      const current = entries.find((entry) => entry.configName === RETENTION)?.configValue;
      if (value === undefined || current === value) return [];
      const kept = entries.filter(
        (entry) =>
          entry.configName !== RETENTION &&
          entry.configSource === TOPIC_CONFIG_SOURCE &&
          !entry.isSensitive &&
          entry.configValue !== null,
      );
      return [
        {
          type: ConfigResourceTypes.TOPIC,
          name: resource.resourceName,
          configEntries: [
            ...kept.map((entry) => ({ name: entry.configName, value: entry.configValue! })),
            { name: RETENTION, value },
          ],
        },
      ];
    });
    if (changes.length > 0) await admin.alterConfigs({ validateOnly: false, resources: changes });
  }
}
