import { graphql } from '../api/generated';
import type { ConsoleCoordinatedActivationQuery } from '../api/generated/graphql';

/** What the coordinator's part of an activation reads: who takes part, where it lies, its version. */
export const COORDINATED_ACTIVATION = graphql(`
  query ConsoleCoordinatedActivation($id: ID!) {
    activation(id: $id) {
      id
      caseNumber
      region
      municipality
      status
      leadAgency
      participants
      integratedDeployment
      version
    }
  }
`);

export type CoordinatedActivation = ConsoleCoordinatedActivationQuery['activation'];
