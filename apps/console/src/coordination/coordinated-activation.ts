import { graphql } from '../api/generated';
import type { ConsoleCoordinatedActivationQuery } from '../api/generated/graphql';

/** What the coordinator's part of an activation reads: its case number, who takes part, the deployment. */
export const COORDINATED_ACTIVATION = graphql(`
  query ConsoleCoordinatedActivation($id: ID!) {
    activation(id: $id) {
      id
      caseNumber
      leadAgency
      participants
      integratedDeployment
    }
  }
`);

export type CoordinatedActivation = ConsoleCoordinatedActivationQuery['activation'];
