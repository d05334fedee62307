import { AgencyCode } from '../shared/agency-code.value.js';
import { AgreementEvent, AgreementTerms } from './agreement.events.js';

export enum AgreementStatus {
  /** Granted and neither revoked nor expired; whether it applies at a moment also depends on its dates. */
  GRANTED = 'GRANTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}

export interface UngrantedAgreement {
  readonly granted: false;
}

export interface GrantedAgreement extends AgreementTerms {
  readonly granted: true;
  readonly agreementId: string;
  readonly agency: AgencyCode;
  readonly grantedBy: string;
  readonly status: AgreementStatus;
}

export type AgreementState = UngrantedAgreement | GrantedAgreement;

export const initialAgreementState: AgreementState = { granted: false };

export function evolveAgreement(state: AgreementState, event: AgreementEvent): AgreementState {
  if (event.type === 'agreement.granted') {
    return { granted: true, ...event.data, status: AgreementStatus.GRANTED };
  }
  // Only a granted agreement is ever appended to; anything before the grant is ignored, not guessed at.
  if (!state.granted) return state;
  switch (event.type) {
    case 'agreement.amended': {
      // The amendment carries the full terms; optional terms it leaves out are gone.
      const { validUntil: _until, regionScope: _scope, ...kept } = state;
      const { amendedBy: _by, reason: _reason, ...terms } = event.data;
      return { ...kept, ...terms };
    }
    case 'agreement.revoked':
      return { ...state, status: AgreementStatus.REVOKED };
    case 'agreement.expired':
      return { ...state, status: AgreementStatus.EXPIRED };
  }
}
