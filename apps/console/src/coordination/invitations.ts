/** What of a timeline entry tells who was invited and how it went. */
export interface ParticipationEntry {
  readonly type: string;
  readonly occurredAt: string;
  readonly actingAgency: string;
  readonly payload?: unknown;
}

export type InvitationState = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'LEFT';

export interface Invitation {
  readonly agency: string;
  readonly invitedBy: string;
  readonly invitedAt: string;
  readonly state: InvitationState;
}

const STATE_AFTER: Record<string, InvitationState> = {
  'agency.joined': 'ACCEPTED',
  'invitation.declined': 'DECLINED',
  'agency.left': 'LEFT',
};

/**
 * The invitations of an activation and where each stands, read from its joint timeline (the api keeps no
 * list of them per activation): invited, then joined, declined or left; inviting again changes nothing.
 */
export function invitationsOf(entries: readonly ParticipationEntry[]): Invitation[] {
  const byAgency = new Map<string, Invitation>();
  for (const entry of entries) {
    const payload = (entry.payload ?? {}) as Record<string, unknown>;
    const agency = payload.agency;
    if (typeof agency !== 'string') continue;
    const known = byAgency.get(agency);
    if (entry.type === 'agency.invited' && (!known || known.state !== 'PENDING')) {
      const invitedBy = payload.invitedBy;
      byAgency.set(agency, {
        agency,
        invitedBy: typeof invitedBy === 'string' ? invitedBy : entry.actingAgency,
        invitedAt: entry.occurredAt,
        state: 'PENDING',
      });
    } else if (known && STATE_AFTER[entry.type])
      byAgency.set(agency, { ...known, state: STATE_AFTER[entry.type]! });
  }
  return [...byAgency.values()];
}
