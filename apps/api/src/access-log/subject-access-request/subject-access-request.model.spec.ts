import { DataCategory } from '#domain';
import type { StoredEvent } from '#events';
import type { FeedDelivery } from '#read-models';
import { activationOfPerson, recipientsOf } from './subject-access-request.model.js';

const { CASE, PERSONAL, CRIMINAL } = DataCategory;
const X = '111222333';
const Y = '123456782';

let version = 0;
const event = (type: string, data: unknown, agency = 'NLA'): StoredEvent => ({
  position: String(++version),
  transactionId: '1',
  streamId: 'activation-a1',
  streamVersion: version,
  eventId: `e-${version}`,
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: { userId: 'u', agency, role: 'INSPECTOR' }, correlationId: 'c' },
  occurredAt: '2026-12-01T09:00:00.000Z',
  recordedAt: '2026-12-01T09:00:01.000Z',
});

describe('the answer to an access request, from the events and the feed ledger', () => {
  const events = [
    event('activation.opened', { activationId: 'a1', region: 'VR17', leadAgency: 'NLA', kind: 'PREVENTIVE' }),
    event('signal.recorded', {
      signalId: 's1',
      source: { kind: 'EXTERNAL', name: 'De melder' },
      description: { text: 'Tip.', categories: [PERSONAL] },
      subjects: [
        { subjectId: 'w1', name: 'Jan', bsn: X },
        { subjectId: 'w2', name: 'Piotr', bsn: Y },
      ],
    }),
    event('finding.recorded', {
      findingId: 'f1',
      category: CRIMINAL,
      description: { text: 'Paspoort.', categories: [CRIMINAL] },
      subjects: [{ subjectId: 'w1', name: 'J.' }],
    }),
    event('finding.recorded', {
      findingId: 'f2',
      category: CASE,
      subjects: [{ subjectId: 'w2', name: 'P.' }],
    }),
  ];

  it('given a person named by BSN and later by subject id, holds both entries with only their values', () => {
    const found = activationOfPerson('a1', events, X)!;
    expect(found).toMatchObject({
      activationId: 'a1',
      region: 'VR17',
      leadAgency: 'NLA',
      subjectIds: ['w1'],
    });
    expect(found.entries.map((entry) => entry.eventId)).toEqual(['e-2', 'e-3']);
    expect(found.entries[0].person).toEqual([{ subjectId: 'w1', name: 'Jan', bsn: X }]);
    expect(found.entries[0].categories).toEqual([PERSONAL]);
    expect(found.entries[1].categories).toEqual(expect.arrayContaining([PERSONAL, CRIMINAL]));
    const text = JSON.stringify(found);
    for (const other of ['Piotr', Y, 'w2', 'De melder', 'f2']) expect(text).not.toContain(other);
  });

  it('given events that do not name the person, finds nothing', () => {
    expect(activationOfPerson('a1', events, '100000009')).toBeUndefined();
  });

  it('counts a receipt only where the feed row carried the person’s categories', () => {
    const person = activationOfPerson('a1', events, X)!;
    const row = (agency: string, eventId: string, carried: DataCategory[], at: string): FeedDelivery => ({
      agency,
      event_id: eventId,
      activation_id: 'a1',
      event_type: 'signal.recorded',
      carried,
      withheld: [],
      fed_at: new Date(at),
    });
    const recipients = recipientsOf(
      [person],
      [
        row('NLA', 'e-2', [CASE, PERSONAL], '2026-12-01T09:00:02Z'),
        row('NLA', 'e-3', [CASE, PERSONAL, CRIMINAL], '2026-12-01T09:00:03Z'),
        row('VR17', 'e-2', [CASE], '2026-12-01T09:00:02Z'),
        row('UWV', 'e-3', [CASE, PERSONAL], '2026-12-01T09:00:03Z'),
        row('UWV', 'e-4', [CASE, PERSONAL], '2026-12-01T09:00:04Z'),
      ],
    );
    expect(recipients.map((r) => [r.agency, r.categories, r.firstReceivedAt, r.lastReceivedAt])).toEqual([
      ['NLA', [CRIMINAL, PERSONAL], '2026-12-01T09:00:02.000Z', '2026-12-01T09:00:03.000Z'],
      ['UWV', [PERSONAL], '2026-12-01T09:00:03.000Z', '2026-12-01T09:00:03.000Z'],
    ]);
    expect(recipients[1].receipts[0]).toMatchObject({ categories: [PERSONAL], withheld: [CRIMINAL] });
  });
});
