// What other capabilities of the api may use of the agreements.
export { AgreementInForce } from './shared/agreement-in-force.type.js';
export { AgreementsModule } from './agreements.module.js';
export { toAgreementInForce } from './shared/agreement-row.mapper.js';
export {
  AgreementWarning,
  AGREEMENT_WARNING_DAYS,
  toAgreementWarning,
} from './shared/agreement-warning.type.js';
export { LegalBasisInput } from './shared/agreement-terms.input.js';
export { knownAgreement } from './shared/known-agreement.js';
export { AgreementArgs } from './view-agreement/view-agreement.resolver.js';
