import { Admin, Kafka } from 'kafkajs';

/**
 * The id of the Kafka cluster the relay talks to, asked of the broker (a metadata request) before every
 * batch: a broker replaced by an empty one keeps its address, and only its id tells them apart.
 */
export class KafkaCluster {
  private admin?: Admin;

  constructor(private readonly kafka: Kafka) {}

  async id(): Promise<string> {
    try {
      this.admin ??= await this.connect();
      const { clusterId } = await this.admin.describeCluster();
      return clusterId;
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  private async connect(): Promise<Admin> {
    const admin = this.kafka.admin();
    await admin.connect();
    return admin;
  }
}
