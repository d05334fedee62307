import { Actor } from '../shared/actor.value.js';

/*
 * Commands carry raw input as the API received it, and the decider parses it, as for activations. `now` is
 * the caller's clock: the domain has none. Every command but ExpireAgreement comes from a policy admin.
 */
interface AgreementCommandBase {
  readonly actor: Actor;
  /** ISO 8601 with an offset. */
  readonly now: string;
  readonly agreementId: string;
}

export interface LegalBasisInput {
  /** What the law allows, in words. */
  readonly text: string;
  /** Where it says so, such as "Wet SUWI art. 64". */
  readonly reference: string;
}

export interface GrantAgreement extends AgreementCommandBase {
  readonly type: 'GrantAgreement';
  /** The agency that may see the categories. */
  readonly agency: string;
  /** Data categories; CASE must be among them. */
  readonly categories: readonly string[];
  readonly purpose: string;
  readonly legalBasis: LegalBasisInput;
  /** ISO 8601 with an offset; may lie in the past, to record an agreement made earlier. */
  readonly validFrom: string;
  /** ISO 8601 with an offset, after validFrom and after now; open-ended when left out. */
  readonly validUntil?: string;
  /** A safety region: the agreement then applies only to activations in that region. */
  readonly regionScope?: string;
}

/**
 * Changes the terms of an agreement that is still in force. Fields left out stay as they are; null removes
 * the end date or the region scope. The agency is not amendable: another agency needs its own agreement.
 */
export interface AmendAgreement extends AgreementCommandBase {
  readonly type: 'AmendAgreement';
  readonly categories?: readonly string[];
  readonly purpose?: string;
  readonly legalBasis?: LegalBasisInput;
  readonly validFrom?: string;
  readonly validUntil?: string | null;
  readonly regionScope?: string | null;
  readonly reason?: string;
}

export interface RevokeAgreement extends AgreementCommandBase {
  readonly type: 'RevokeAgreement';
  readonly reason: string;
}

/**
 * Issued by a scheduler once validUntil has passed. It carries no actor: expiry is a consequence of the
 * agreement's own end date, not anyone's decision, so there is no one whose role to check; the decider
 * only lets it happen on or after that date. Asking again changes nothing.
 */
export interface ExpireAgreement {
  readonly type: 'ExpireAgreement';
  /** ISO 8601 with an offset. */
  readonly now: string;
  readonly agreementId: string;
}

export type AgreementCommand = GrantAgreement | AmendAgreement | RevokeAgreement | ExpireAgreement;

export type AgreementCommandType = AgreementCommand['type'];
