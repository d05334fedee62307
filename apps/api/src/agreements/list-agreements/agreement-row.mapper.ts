import { DataCategory } from '#domain';
import type { AgreementRow } from '#read-models';
import { AgreementInForce } from '../../reads/me/viewer.type.js';
import { SharingAgreement } from './sharing-agreement.type.js';

export const AGREEMENT_COLUMNS = `agreement_id, agency, categories, purpose, legal_basis, legal_reference, valid_from,
  valid_until, region_scope, granted_by, status`;

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

export type { AgreementRow };
