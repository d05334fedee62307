import { DataCategory } from '#domain';
import type { ActivationListRow, FeedDelivery } from '#read-models';
import { activationsOfPerson, type HeldEntry, recipientsOf } from './subject-access-request.model.js';

const { CASE, PERSONAL, CRIMINAL, HEALTH } = DataCategory;
const X = '111222333';
const Y = '123456782';

let version = 0;
const entry = (
  activationId: string,
  type: string,
  payload: unknown,
  { agency = 'NLA', withheld = [] as string[] } = {},
): HeldEntry => ({
  activation_id: activationId,
  stream_version: ++version,
  event_id: `e-${version}`,
  event_type: type,
  occurred_at: new Date('2026-12-01T09:00:00.000Z'),
  acting_agency: agency,
  payload,
  withheld,
  corrected_at: null,
  withdrawn_at: null,
});

const listRow = (activationId: string): ActivationListRow =>
  ({
    activation_id: activationId,
    case_number: 'VR17-2026-0001',
    region: 'VR17',
    municipality: 'GM0599',
    lead_agency: 'NLA',
    opened_at: new Date('2026-12-01T08:00:00.000Z'),
  }) as ActivationListRow;

/*
 * Given the agency's timeline rows (as the projector redacted them for it), the answer holds the person's
 * entries with only their values and the categories the agency holds of them; recipients are named only
 * for categories the agency itself holds.
 */
describe('the answer to an access request, from the agency’s own rows and the feed ledger', () => {
  const held = [
    entry('a1', 'activation.opened', { activationId: 'a1', region: 'VR17' }),
    entry('a1', 'signal.recorded', {
      signalId: 's1',
      source: { kind: 'EXTERNAL', name: 'De melder' },
      description: { text: 'Tip.', categories: [PERSONAL] },
      subjects: [
        { subjectId: 'w1', name: 'Jan', bsn: X },
        { subjectId: 'w2', name: 'Piotr', bsn: Y },
      ],
    }),
    entry('a1', 'finding.recorded', {
      findingId: 'f1',
      category: CRIMINAL,
      description: { text: 'Paspoort.', categories: [CRIMINAL] },
      subjects: [{ subjectId: 'w1', name: 'J.' }],
    }),
    entry('a1', 'finding.recorded', {
      findingId: 'f2',
      category: CASE,
      subjects: [{ subjectId: 'w2', name: 'P.' }],
    }),
    // A health signal the agency may not see the persons of: the projector wrote them as null.
    entry(
      'a2',
      'signal.recorded',
      {
        signalId: 's2',
        confirmedInfection: null,
        subjects: [{ subjectId: 'k1', name: null, bsn: null, birthDate: null, nationality: null }],
      },
      { agency: 'VR17', withheld: [HEALTH, PERSONAL] },
    ),
    // Only Y in a case of its own.
    entry('a3', 'signal.recorded', {
      signalId: 's3',
      subjects: [{ subjectId: 'w1', name: 'Piotr', bsn: Y }],
    }),
  ];
  const answer = activationsOfPerson(held, [listRow('a1')], X);

  it('holds the activations whose rows name the person, with the entries naming them by BSN or by the case’s subject id', () => {
    expect(answer.map((a) => a.activationId)).toEqual(['a1']);
    const [found] = answer;
    expect(found).toMatchObject({
      caseNumber: 'VR17-2026-0001',
      region: 'VR17',
      leadAgency: 'NLA',
      subjectIds: ['w1'],
    });
    expect(found.entries.map((e) => e.eventId)).toEqual([held[1].event_id, held[2].event_id]);
    expect(found.entries[0].person).toEqual([{ subjectId: 'w1', name: 'Jan', bsn: X }]);
    expect(found.entries[0].categories).toEqual([PERSONAL]);
    expect(found.entries[1].person).toEqual([{ subjectId: 'w1', name: 'J.' }]);
    expect(found.entries[1].categories).toEqual([CRIMINAL, PERSONAL]);
  });

  it('holds nothing of another person, of a reporter, or of what the agency’s rows withhold', () => {
    const text = JSON.stringify(answer);
    for (const other of ['Piotr', Y, 'w2', 'De melder', 'f2', 'a2', 'a3', 's2'])
      expect(text).not.toContain(other);
    expect(activationsOfPerson(held, [], '100000009')).toEqual([]);
  });

  it('names a recipient of a value only when its feed row carried every category of it, and only categories the agency holds', () => {
    const [signal, finding] = answer[0].entries;
    const row = (agency: string, eventId: string, carried: DataCategory[], at: string): FeedDelivery => ({
      agency,
      event_id: eventId,
      activation_id: 'a1',
      event_type: 'finding.recorded',
      carried,
      fed_at: new Date(at),
    });
    const recipients = recipientsOf(answer, [
      row('NLA', signal.eventId, [CASE, PERSONAL], '2026-12-01T09:00:02Z'),
      row('NLA', finding.eventId, [CASE, PERSONAL, CRIMINAL], '2026-12-01T09:00:03Z'),
      // The coordinator saw the signal without its persons: no receipt of the person.
      row('VR17', signal.eventId, [CASE], '2026-12-01T09:00:02Z'),
      // The finding's persons are PERSONAL and CRIMINAL: CRIMINAL alone did not show them.
      row('VR17', finding.eventId, [CASE, CRIMINAL, HEALTH], '2026-12-01T09:00:03Z'),
      row('UWV', signal.eventId, [CASE, PERSONAL, HEALTH], '2026-12-01T09:00:03Z'),
      // An event not in the answer is no receipt of the person.
      row('UWV', 'e-other', [CASE, PERSONAL], '2026-12-01T09:00:04Z'),
    ]);
    expect(recipients.map((r) => [r.agency, r.categories, r.firstReceivedAt, r.lastReceivedAt])).toEqual([
      ['NLA', [CRIMINAL, PERSONAL], '2026-12-01T09:00:02.000Z', '2026-12-01T09:00:03.000Z'],
      ['UWV', [PERSONAL], '2026-12-01T09:00:03.000Z', '2026-12-01T09:00:03.000Z'],
    ]);
    expect(recipients[1].receipts).toEqual([
      {
        activationId: 'a1',
        eventId: signal.eventId,
        eventType: 'finding.recorded',
        receivedAt: '2026-12-01T09:00:03.000Z',
        categories: [PERSONAL],
      },
    ]);
    // HEALTH is carried by rows of the entries, but the agency holds no health value of the person.
    expect(JSON.stringify(recipients)).not.toContain(HEALTH);
  });

  it('names HEALTH of a recipient only where the agency holds the person’s health values (its own entry)', () => {
    const own = [
      entry('a4', 'signal.recorded', {
        signalId: 's4',
        confirmedInfection: true,
        subjects: [{ subjectId: 'v1', name: 'Jan', bsn: X }],
      }),
    ];
    const [found] = activationsOfPerson(own, [], X);
    expect(found.entries[0].categories).toEqual([HEALTH, PERSONAL]);
    expect(found.caseNumber).toBeNull();
    const recipients = recipientsOf(
      [found],
      [
        {
          agency: 'VR17',
          event_id: own[0].event_id,
          activation_id: 'a4',
          event_type: 'signal.recorded',
          carried: [CASE, HEALTH],
          fed_at: new Date('2026-12-01T09:00:05Z'),
        },
        {
          agency: 'GM0599',
          event_id: own[0].event_id,
          activation_id: 'a4',
          event_type: 'signal.recorded',
          carried: [CASE, PERSONAL, HEALTH],
          fed_at: new Date('2026-12-01T09:00:05Z'),
        },
      ],
    );
    // The coordinator got the infection but not the persons (they need PERSONAL and HEALTH): not a recipient of them.
    expect(recipients.map((r) => [r.agency, r.categories])).toEqual([['GM0599', [HEALTH, PERSONAL]]]);
  });
});
