import { AgreementStatus, DataCategory, PendingProposal } from '#domain';
import type { AgreementRow } from '#read-models';
import { PendingAgreementProposal, SharingAgreement } from '../list-agreements/sharing-agreement.type.js';
import { AgreementInForce } from './agreement-in-force.type.js';

/** The agreements table's row as the GraphQL types show it. */
export function toAgreementInForce(row: AgreementRow): AgreementInForce {
  return {
    agreementId: row.agreement_id,
    categories: row.categories as DataCategory[],
    activities: row.activities,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    legalReference: row.legal_reference,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    regionScope: row.region_scope,
  };
}

/** `version` is the opaque token of the row's stream version (VersionTokens). */
export function toSharingAgreement(row: AgreementRow, version: string): SharingAgreement {
  return {
    ...toAgreementInForce(row),
    agency: row.agency,
    approverAgency: row.approver_agency,
    status: row.status as AgreementStatus,
    grantedBy: row.granted_by,
    approvedBy: row.approved_by,
    pending: row.pending ? toPendingProposal(row.pending) : null,
    version,
  };
}

export function toPendingProposal(pending: PendingProposal): PendingAgreementProposal {
  return {
    kind: pending.kind,
    categories: [...pending.categories],
    activities: [...pending.activities],
    purpose: pending.purpose,
    legalBasis: pending.legalBasis.text,
    legalReference: pending.legalBasis.reference,
    validFrom: new Date(pending.validFrom),
    validUntil: pending.validUntil ? new Date(pending.validUntil) : null,
    regionScope: pending.regionScope ?? null,
    proposedBy: pending.proposedBy,
    proposerAgency: pending.proposerAgency,
    reason: pending.reason ?? null,
  };
}
