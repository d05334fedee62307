import type { StoredEvent } from '#events';
import { erasureRequestChange } from './erasure-requests.projector.js';

const PSEUDONYM = 'a'.repeat(64);

const stored = (streamId: string, streamVersion: number, type: string, data: unknown): StoredEvent => ({
  position: String(streamVersion),
  transactionId: '1',
  streamId,
  streamVersion,
  eventId: `e-${streamVersion}`,
  type,
  schemaVersion: 1,
  data,
  metadata: {} as StoredEvent['metadata'],
  occurredAt: '2026-12-03T08:00:00.000Z',
  recordedAt: '2026-12-03T08:00:00.000Z',
});

const requested = (target: unknown) =>
  stored('erasure-er-1', 1, 'erasure.requested', {
    erasureId: 'er-1',
    target,
    ground: 'OBJECTION',
    reason: 'Bezwaar gegrond.',
    requestedBy: 'fg@nla',
    requesterAgency: 'NLA',
  });

describe('the erasure requests as privacy officers list them', () => {
  it('given a request of a person, then its row has the scope and never the pseudonym', () => {
    const change = erasureRequestChange(requested({ kind: 'PERSON', subjectRef: PSEUDONYM }));
    expect(change).toEqual({
      kind: 'request',
      record: {
        erasureId: 'er-1',
        scope: 'PERSON',
        activationId: null,
        ground: 'OBJECTION',
        reason: 'Bezwaar gegrond.',
        requestedBy: 'fg@nla',
        requesterAgency: 'NLA',
        requestedAt: '2026-12-03T08:00:00.000Z',
        streamVersion: 1,
      },
    });
    expect(JSON.stringify(change)).not.toContain(PSEUDONYM);
  });

  it('given a request of a case subject, then its row names the activation, not the subject', () => {
    const change = erasureRequestChange(
      requested({ kind: 'CASE_SUBJECT', subjectRef: PSEUDONYM, activationId: 'act-1' }),
    );
    expect(change).toMatchObject({ record: { scope: 'CASE_SUBJECT', activationId: 'act-1' } });
    expect(JSON.stringify(change)).not.toContain(PSEUDONYM);
  });

  it('given a decision, then the row takes its status, decider, moment and reason at that stream version', () => {
    expect(
      erasureRequestChange(
        stored('erasure-er-1', 2, 'erasure.approved', {
          approvedBy: 'fg2@nla',
          approverAgency: 'NLA',
          reason: 'Getoetst.',
        }),
      ),
    ).toEqual({
      kind: 'decide',
      record: {
        erasureId: 'er-1',
        status: 'APPROVED',
        decidedBy: 'fg2@nla',
        deciderAgency: 'NLA',
        decidedAt: '2026-12-03T08:00:00.000Z',
        reason: 'Getoetst.',
        streamVersion: 2,
      },
    });
    expect(
      erasureRequestChange(
        stored('erasure-er-1', 2, 'erasure.rejected', {
          rejectedBy: 'fg@gm0599',
          rejecterAgency: 'GM0599',
          reason: 'Bewaarplicht.',
        }),
      ),
    ).toMatchObject({ kind: 'decide', record: { status: 'REJECTED', deciderAgency: 'GM0599' } });
  });

  it('given any other event, then nothing changes', () => {
    expect(erasureRequestChange(stored('activation-a-1', 1, 'activation.opened', {}))).toBeUndefined();
    expect(
      erasureRequestChange(stored('activation-a-1', 3, 'personal-data.erased', { erasureId: 'er-1' })),
    ).toBeUndefined();
  });
});
