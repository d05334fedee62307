import { randomUUID } from 'node:crypto';
import { NewEvent } from '#events';

export function newEvent(type = 'test.happened', data: unknown = { n: 1 }): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: { userId: 'u-1', agency: 'NLA', role: 'INSPECTOR' }, correlationId: randomUUID() },
    occurredAt: new Date().toISOString(),
  };
}

export const newStreamId = () => `test-${randomUUID()}`;
