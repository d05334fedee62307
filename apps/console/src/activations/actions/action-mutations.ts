import { graphql } from '../../api/generated';

/** The api's commands on an activation that the console sends (action-table.ts, the inbox). Each answers the
 * events it appended (none for a repeat). */
graphql(`
  fragment ConsoleCommandAnswer on ActivationCommandResult {
    activationId
    version
    eventIds
    duplicate
  }
`);

export const RECORD_SIGNAL = graphql(`
  mutation ConsoleRecordSignal($input: RecordSignalInput!) {
    recordSignal(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const INVITE_AGENCY = graphql(`
  mutation ConsoleInviteAgency($input: InviteAgencyInput!) {
    inviteAgency(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const SCHEDULE_INSPECTION = graphql(`
  mutation ConsoleScheduleInspection($input: ScheduleInspectionInput!) {
    scheduleInspection(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const COMPLETE_INSPECTION = graphql(`
  mutation ConsoleCompleteInspection($input: CompleteInspectionInput!) {
    completeInspection(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const CANCEL_INSPECTION = graphql(`
  mutation ConsoleCancelInspection($input: CancelInspectionInput!) {
    cancelInspection(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const IMPOSE_INTERVENTION = graphql(`
  mutation ConsoleImposeIntervention($input: ImposeInterventionInput!) {
    imposeIntervention(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const MAKE_REFERRAL = graphql(`
  mutation ConsoleMakeReferral($input: MakeReferralInput!) {
    makeReferral(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const ATTACH_DOCUMENT = graphql(`
  mutation ConsoleAttachDocument($input: AttachDocumentInput!) {
    attachDocument(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const FILE_REPORT = graphql(`
  mutation ConsoleFileReport($input: FileReportInput!) {
    fileReport(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const CLOSE_ACTIVATION = graphql(`
  mutation ConsoleCloseActivation($input: CloseActivationInput!) {
    closeActivation(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const PROPOSE_CLOSING = graphql(`
  mutation ConsoleProposeClosing($input: ProposeClosingInput!) {
    proposeClosing(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const REOPEN_ACTIVATION = graphql(`
  mutation ConsoleReopenActivation($input: ReopenActivationInput!) {
    reopenActivation(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const LEAVE_ACTIVATION = graphql(`
  mutation ConsoleLeaveActivation($input: LeaveActivationInput!) {
    leaveActivation(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const ESCALATE_ACTIVATION = graphql(`
  mutation ConsoleEscalateActivation($input: EscalateActivationInput!) {
    escalateActivation(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const CORRECT_LOCATION = graphql(`
  mutation ConsoleCorrectLocation($input: CorrectLocationInput!) {
    correctLocation(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const CORRECT_EMPLOYER = graphql(`
  mutation ConsoleCorrectEmployer($input: CorrectEmployerInput!) {
    correctEmployer(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const CORRECT_FINDING = graphql(`
  mutation ConsoleCorrectFinding($input: CorrectFindingInput!) {
    correctFinding(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const CORRECT_SUBJECT = graphql(`
  mutation ConsoleCorrectSubject($input: CorrectSubjectInput!) {
    correctSubject(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const WITHDRAW_ENTRY = graphql(`
  mutation ConsoleWithdrawEntry($input: WithdrawEntryInput!) {
    withdrawEntry(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const JOIN_ACTIVATION = graphql(`
  mutation ConsoleJoinActivation($input: JoinActivationInput!) {
    joinActivation(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const DECLINE_INVITATION = graphql(`
  mutation ConsoleDeclineInvitation($input: DeclineInvitationInput!) {
    declineInvitation(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const TRANSFER_LEAD = graphql(`
  mutation ConsoleTransferLead($input: TransferLeadInput!) {
    transferLead(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const DECIDE_INTEGRATED_DEPLOYMENT = graphql(`
  mutation ConsoleDecideIntegratedDeployment($input: DecideIntegratedDeploymentInput!) {
    decideIntegratedDeployment(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);

export const CORRECT_REGION = graphql(`
  mutation ConsoleCorrectRegion($input: CorrectRegionInput!) {
    correctRegion(input: $input) {
      ...ConsoleCommandAnswer
    }
  }
`);
