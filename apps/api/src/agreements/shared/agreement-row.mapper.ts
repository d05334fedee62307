import { DataCategory } from '#domain';
import type { AgreementRow } from '#read-models';
import { SharingAgreement } from '../list-agreements/sharing-agreement.type.js';
import { AgreementInForce } from './agreement-in-force.type.js';

/** The agreements table's row as the GraphQL types show it. */
export function toAgreementInForce(row: AgreementRow): AgreementInForce {
  return {
    agreementId: row.agreement_id,
    categories: row.categories as DataCategory[],
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    legalReference: row.legal_reference,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    regionScope: row.region_scope,
  };
}

export function toSharingAgreement(row: AgreementRow): SharingAgreement {
  return { ...toAgreementInForce(row), agency: row.agency, status: row.status, grantedBy: row.granted_by };
}
