import { registerEnumType } from '@nestjs/graphql';
import { ErasureGround, ErasureStatus } from '#domain';

registerEnumType(ErasureGround, {
  name: 'ErasureGround',
  description: 'The ground of art. 17(1) AVG an erasure rests on.',
  valuesMap: {
    NO_LONGER_NEEDED: { description: '(a) No longer necessary for the purposes it was collected for.' },
    CONSENT_WITHDRAWN: { description: '(b) Consent withdrawn, where consent was the basis.' },
    OBJECTION: { description: '(c) The data subject objected (art. 21) and no overriding grounds remain.' },
    UNLAWFULLY_PROCESSED: { description: '(d) Processed unlawfully, e.g. recorded without a legal basis.' },
    LEGAL_OBLIGATION: { description: '(e) A legal obligation to erase.' },
  },
});

registerEnumType(ErasureStatus, {
  name: 'ErasureStatus',
  description: 'Where an erasure request stands (four eyes: a second privacy officer decides).',
  valuesMap: {
    REQUESTED: { description: 'Asked for; nothing is erased until a second privacy officer approves.' },
    APPROVED: { description: 'Approved by a second privacy officer: the subject’s keys are erased.' },
    REJECTED: { description: 'Rejected by a second privacy officer: nothing is erased.' },
  },
});

/** Whom a request erases, as the list says it: never who. */
export enum ErasureRequestScope {
  PERSON = 'PERSON',
  CASE_SUBJECT = 'CASE_SUBJECT',
}

registerEnumType(ErasureRequestScope, {
  name: 'ErasureRequestScope',
  valuesMap: {
    PERSON: { description: 'A person by BSN, in every case of every agency.' },
    CASE_SUBJECT: { description: 'One subject of one activation, by its subject id.' },
  },
});

export { ErasureGround, ErasureStatus };
