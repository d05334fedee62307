import { Module } from '@nestjs/common';
import { activationStreamsWith, CaseNumbers, EventStoreModule } from '#events';
import { AppConfig, PlatformModule } from '#platform';
import { CommandsModule } from '../commands/index.js';
import './shared/activation-enums.graphql.js';
import { ACTIVATION_STREAMS, ActivationCommands } from './activation-commands.service.js';
import { CancelInspectionResolver } from './cancel-inspection/cancel-inspection.resolver.js';
import { CloseActivationResolver } from './close-activation/close-activation.resolver.js';
import { CompleteInspectionResolver } from './complete-inspection/complete-inspection.resolver.js';
import { DecideIntegratedDeploymentResolver } from './decide-integrated-deployment/decide-integrated-deployment.resolver.js';
import { EscalateActivationResolver } from './escalate-activation/escalate-activation.resolver.js';
import { FileReportResolver } from './file-report/file-report.resolver.js';
import { ImposeInterventionResolver } from './impose-intervention/impose-intervention.resolver.js';
import { InviteAgencyResolver } from './invite-agency/invite-agency.resolver.js';
import { JoinActivationResolver } from './join-activation/join-activation.resolver.js';
import { LeaveActivationResolver } from './leave-activation/leave-activation.resolver.js';
import { MakeReferralResolver } from './make-referral/make-referral.resolver.js';
import { OpenActivationResolver } from './open-activation/open-activation.resolver.js';
import { RecordFindingResolver } from './record-finding/record-finding.resolver.js';
import { RecordSignalResolver } from './record-signal/record-signal.resolver.js';
import { ReopenActivationResolver } from './reopen-activation/reopen-activation.resolver.js';
import { ScheduleInspectionResolver } from './schedule-inspection/schedule-inspection.resolver.js';
import { TransferLeadResolver } from './transfer-lead/transfer-lead.resolver.js';
import { ProposeClosingResolver } from './propose-closing/propose-closing.resolver.js';
import { DeclineInvitationResolver } from './decline-invitation/decline-invitation.resolver.js';
import { CorrectSubjectResolver } from './correct-subject/correct-subject.resolver.js';
import { CorrectFindingResolver } from './correct-finding/correct-finding.resolver.js';
import { WithdrawEntryResolver } from './withdraw-entry/withdraw-entry.resolver.js';
import { CorrectLocationResolver } from './correct-location/correct-location.resolver.js';
import { CorrectEmployerResolver } from './correct-employer/correct-employer.resolver.js';
import { CorrectRegionResolver } from './correct-region/correct-region.resolver.js';

/** The activation write side: one folder per use case (input and resolver), all through ActivationCommands. */
@Module({
  imports: [CommandsModule, PlatformModule, EventStoreModule],
  providers: [
    {
      provide: ACTIVATION_STREAMS,
      inject: [AppConfig, CaseNumbers],
      useFactory: (config: AppConfig, caseNumbers: CaseNumbers) =>
        activationStreamsWith(config.regionalCoordination, caseNumbers),
    },
    ActivationCommands,
    // In the order an activation lives through them.
    OpenActivationResolver,
    RecordSignalResolver,
    InviteAgencyResolver,
    JoinActivationResolver,
    DeclineInvitationResolver,
    LeaveActivationResolver,
    EscalateActivationResolver,
    ScheduleInspectionResolver,
    CompleteInspectionResolver,
    CancelInspectionResolver,
    RecordFindingResolver,
    ImposeInterventionResolver,
    MakeReferralResolver,
    DecideIntegratedDeploymentResolver,
    FileReportResolver,
    CloseActivationResolver,
    ReopenActivationResolver,
    TransferLeadResolver,
    ProposeClosingResolver,
    // Corrections (AVG art. 16), whatever the state of the activation.
    CorrectSubjectResolver,
    CorrectFindingResolver,
    WithdrawEntryResolver,
    CorrectLocationResolver,
    CorrectEmployerResolver,
    CorrectRegionResolver,
  ],
  // Attachments send attachDocument through the same command path.
  exports: [ActivationCommands],
})
export class ActivationsModule {}
