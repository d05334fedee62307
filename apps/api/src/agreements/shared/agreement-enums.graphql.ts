import { registerEnumType } from '@nestjs/graphql';
import { AgreementStatus } from '#domain';

registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description:
    'Where an agreement stands. Only GRANTED agreements (between their dates) let an agency see data.',
  valuesMap: {
    PROPOSED: { description: 'Proposed by one party; waits for a policy admin of the other. Not in force.' },
    GRANTED: { description: 'Approved by both parties: in force between validFrom and validUntil.' },
    REJECTED: { description: 'The other party rejected the proposal; it never took effect.' },
    REVOKED: { description: 'Ended by one of the parties.' },
    EXPIRED: { description: 'Its validUntil passed.' },
  },
});

export { AgreementStatus };
