import { invitationsOf, type ParticipationEntry } from './invitations.js';

const at = (minute: number) => `2026-12-02T10:${String(minute).padStart(2, '0')}:00Z`;
const entry = (type: string, minute: number, payload: Record<string, unknown>): ParticipationEntry => ({
  type,
  occurredAt: at(minute),
  actingAgency: 'NLA',
  payload,
});

describe('the invitations of an activation, from its timeline', () => {
  it('follow each invited agency: waiting, joined, declined, left', () => {
    expect(
      invitationsOf([
        entry('activation.opened', 0, { municipality: 'GM0599' }),
        entry('agency.invited', 1, { agency: 'UWV', invitedBy: 'NLA' }),
        entry('agency.invited', 2, { agency: 'GM0599', invitedBy: 'VR17' }),
        entry('agency.invited', 3, { agency: 'SVB', invitedBy: 'NLA' }),
        entry('agency.invited', 4, { agency: 'BD', invitedBy: 'NLA' }),
        entry('agency.joined', 5, { agency: 'UWV' }),
        entry('invitation.declined', 6, { agency: 'SVB', reason: { text: 'Geen uitkeringen' } }),
        entry('agency.joined', 7, { agency: 'BD' }),
        entry('agency.left', 8, { agency: 'BD' }),
      ]),
    ).toEqual([
      { agency: 'UWV', invitedBy: 'NLA', invitedAt: at(1), state: 'ACCEPTED' },
      { agency: 'GM0599', invitedBy: 'VR17', invitedAt: at(2), state: 'PENDING' },
      { agency: 'SVB', invitedBy: 'NLA', invitedAt: at(3), state: 'DECLINED' },
      { agency: 'BD', invitedBy: 'NLA', invitedAt: at(4), state: 'LEFT' },
    ]);
  });

  it('keep the first invitation while it waits, and a new one after a refusal', () => {
    expect(
      invitationsOf([
        entry('agency.invited', 1, { agency: 'UWV', invitedBy: 'NLA' }),
        entry('agency.invited', 2, { agency: 'UWV', invitedBy: 'VR17' }),
        entry('invitation.declined', 3, { agency: 'UWV' }),
        entry('agency.invited', 4, { agency: 'UWV', invitedBy: 'VR17' }),
      ]),
    ).toEqual([{ agency: 'UWV', invitedBy: 'VR17', invitedAt: at(4), state: 'PENDING' }]);
  });

  it('leave out an agency that joined or left without an invitation it can see', () => {
    expect(invitationsOf([entry('agency.joined', 1, { agency: 'UWV' })])).toEqual([]);
  });
});
