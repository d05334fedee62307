import { randomUUID } from 'node:crypto';
import { EventStore, GapSafeSubscription, StoredEvent } from '#events';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { newEvent } from './new-events.fixture.js';

/**
 * Transaction ids are numbers, not text: a subscription must deliver transaction 99 before 100. Ordered
 * as text ('100' < '99') a batch would end at 100, and the checkpoint after it would skip 99 for good.
 * The events are written with chosen transaction ids (all far below any running transaction).
 */
describe('GapSafeSubscription order across a digit boundary of transaction ids', () => {
  const database = new IsolatedDatabase();
  afterAll(() => database.drop());

  it('delivers every event in numeric transaction order, in small batches', async () => {
    const db = await database.create();
    const store = new EventStore(db);
    const transactionIds = [100, 9, 1000, 99, 10, 999];
    for (const [index, transactionId] of transactionIds.entries()) {
      const event = newEvent('test.ordered', { transactionId });
      await db.query(
        `INSERT INTO events (transaction_id, stream_id, stream_version, event_id, type, schema_version, data, metadata,
           occurred_at)
         VALUES ($1::text::xid8, $2, 1, $3, $4, 1, $5, $6, now())`,
        [
          transactionId,
          `test-order-${index}-${randomUUID()}`,
          event.eventId,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        ],
      );
    }
    const subscription = new GapSafeSubscription(db, store, {
      name: 'order-test',
      batchSize: 2,
      pollIntervalMs: 200,
      databaseUrl: database.url,
    });
    const delivered: StoredEvent[] = [];
    while ((await subscription.processBatch(async (events) => void delivered.push(...events))) > 0);

    expect(delivered.map((e) => Number(e.transactionId))).toEqual([9, 10, 99, 100, 999, 1000]);
  });
});
