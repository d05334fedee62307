import { INestApplication } from '@nestjs/common';
import { startApi } from '../support/api-app.js';
import { PrivateKafkaBroker } from '../support/kafka-broker.js';

type HealthBody = { error?: Record<string, { status: string }>; details: Record<string, { status: string }> };

describe('api health probes against the real Postgres and Kafka', () => {
  const broker = new PrivateKafkaBroker(19292);
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    await broker.start();
    ({ app, url } = await startApi({ KAFKA_BROKERS: broker.bootstrap }));
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await broker.dispose();
  }, 60_000);

  it('is live', async () => {
    const response = await fetch(`${url}/health/live`);
    expect(response.status).toBe(200);
  });

  it('is ready while Postgres and Kafka answer', async () => {
    const response = await fetch(`${url}/health/ready`);
    const body = (await response.json()) as HealthBody;
    expect(response.status).toBe(200);
    expect(body.details.postgres.status).toBe('up');
    expect(body.details.kafka.status).toBe('up');
  });

  it('answers 503 naming Kafka once the broker is stopped, and recovers when it returns', async () => {
    await broker.stop();
    const down = await fetch(`${url}/health/ready`);
    const text = await down.text();
    expect({ status: down.status, text }).toEqual({ status: 503, text: expect.stringContaining('"kafka"') });
    const body = JSON.parse(text) as HealthBody;
    expect(body.error).toEqual({ kafka: expect.objectContaining({ status: 'down' }) });
    expect(body.details.postgres.status).toBe('up');

    await broker.start();
    const up = await fetch(`${url}/health/ready`);
    expect(up.status).toBe(200);
  }, 240_000);
});
