import { AgencyCode } from '../shared/agency-code.value.js';
import { DataCategory } from '../shared/data-category.enum.js';
import { Instant } from '../shared/instant.value.js';
import { Raw } from '../shared/raw.js';
import { SafetyRegion } from '../shared/safety-region.value.js';
import { LegalBasis } from './agreement.events.js';

/*
 * The agreement commands as the decider receives them: parsed, carrying only what was asked for; who asks
 * and when travel in the CommandContext, as for activations. Every command but ExpireAgreement comes
 * from a policy admin.
 */
interface OnAgreement {
  readonly agreementId: string;
}

/** A new agreement, proposed by a policy admin of one party; in force only once the other party approves. */
export interface ProposeAgreement extends OnAgreement {
  readonly type: 'ProposeAgreement';
  /** The agency that may see the categories. */
  readonly agency: AgencyCode;
  /** The other party, whose policy admin decides on the proposal (when the agency proposes, and vice versa). */
  readonly approverAgency: AgencyCode;
  /** Distinct, sorted, CASE among them. */
  readonly categories: readonly DataCategory[];
  readonly purpose: string;
  readonly legalBasis: LegalBasis;
  /** Register ids; the default processing activity when none is given. */
  readonly activities: readonly string[];
  /** May lie in the past, to record an agreement made earlier. */
  readonly validFrom: Instant;
  /** After validFrom and after now; open-ended when left out. */
  readonly validUntil?: Instant;
  /** A safety region: the agreement then applies only to activations in that region. */
  readonly regionScope?: SafetyRegion;
  readonly reason?: string;
}

/**
 * Proposes new terms for an agreement in force; they apply once the other party approves. Fields left out
 * stay as they are; null removes the end date or the region scope. The agency is not amendable: another
 * agency needs its own agreement.
 */
export interface AmendAgreement extends OnAgreement {
  readonly type: 'AmendAgreement';
  readonly categories?: readonly DataCategory[];
  readonly purpose?: string;
  readonly legalBasis?: LegalBasis;
  readonly activities?: readonly string[];
  readonly validFrom?: Instant;
  readonly validUntil?: Instant | null;
  readonly regionScope?: SafetyRegion | null;
  readonly reason: string;
}

/** Approves the pending proposal (the first terms or a change); only the other party's policy admin may. */
export interface ApproveAgreement extends OnAgreement {
  readonly type: 'ApproveAgreement';
  readonly reason: string;
}

export interface RejectAgreement extends OnAgreement {
  readonly type: 'RejectAgreement';
  readonly reason: string;
}

/** Ends an agreement at once; either party may. */
export interface RevokeAgreement extends OnAgreement {
  readonly type: 'RevokeAgreement';
  readonly reason: string;
}

/**
 * Issued by a scheduler once validUntil has passed. It needs no actor: expiry is a consequence of the
 * agreement's own end date, not anyone's decision, so there is no one whose role to check; the decider
 * only lets it happen on or after that date. Asking again changes nothing.
 */
export interface ExpireAgreement extends OnAgreement {
  readonly type: 'ExpireAgreement';
}

export type AgreementCommand =
  ProposeAgreement | AmendAgreement | ApproveAgreement | RejectAgreement | RevokeAgreement | ExpireAgreement;

export type AgreementCommandType = AgreementCommand['type'];

export type AgreementCommandOf<T extends AgreementCommandType> = Extract<AgreementCommand, { type: T }>;

/** A command as it arrives (plain JSON), before parseAgreementCommand. */
export type RawAgreementCommand = Raw<AgreementCommand>;
