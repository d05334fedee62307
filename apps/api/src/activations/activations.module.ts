import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '#events';
import './shared/activation-enums.graphql.js';
import { ActivationCommandExecutor } from './activation-command.executor.js';
import { CancelInspectionHandler } from './cancel-inspection/cancel-inspection.command.js';
import { CancelInspectionResolver } from './cancel-inspection/cancel-inspection.resolver.js';
import { CloseActivationHandler } from './close-activation/close-activation.command.js';
import { CloseActivationResolver } from './close-activation/close-activation.resolver.js';
import { CompleteInspectionHandler } from './complete-inspection/complete-inspection.command.js';
import { CompleteInspectionResolver } from './complete-inspection/complete-inspection.resolver.js';
import { DecideIntegratedDeploymentHandler } from './decide-integrated-deployment/decide-integrated-deployment.command.js';
import { DecideIntegratedDeploymentResolver } from './decide-integrated-deployment/decide-integrated-deployment.resolver.js';
import { EscalateActivationHandler } from './escalate-activation/escalate-activation.command.js';
import { EscalateActivationResolver } from './escalate-activation/escalate-activation.resolver.js';
import { FileReportHandler } from './file-report/file-report.command.js';
import { FileReportResolver } from './file-report/file-report.resolver.js';
import { ImposeInterventionHandler } from './impose-intervention/impose-intervention.command.js';
import { ImposeInterventionResolver } from './impose-intervention/impose-intervention.resolver.js';
import { InviteAgencyHandler } from './invite-agency/invite-agency.command.js';
import { InviteAgencyResolver } from './invite-agency/invite-agency.resolver.js';
import { JoinActivationHandler } from './join-activation/join-activation.command.js';
import { JoinActivationResolver } from './join-activation/join-activation.resolver.js';
import { LeaveActivationHandler } from './leave-activation/leave-activation.command.js';
import { LeaveActivationResolver } from './leave-activation/leave-activation.resolver.js';
import { MakeReferralHandler } from './make-referral/make-referral.command.js';
import { MakeReferralResolver } from './make-referral/make-referral.resolver.js';
import { OpenActivationHandler } from './open-activation/open-activation.command.js';
import { OpenActivationResolver } from './open-activation/open-activation.resolver.js';
import { RecordFindingHandler } from './record-finding/record-finding.command.js';
import { RecordFindingResolver } from './record-finding/record-finding.resolver.js';
import { RecordSignalHandler } from './record-signal/record-signal.command.js';
import { RecordSignalResolver } from './record-signal/record-signal.resolver.js';
import { ReopenActivationHandler } from './reopen-activation/reopen-activation.command.js';
import { ReopenActivationResolver } from './reopen-activation/reopen-activation.resolver.js';
import { ScheduleInspectionHandler } from './schedule-inspection/schedule-inspection.command.js';
import { ScheduleInspectionResolver } from './schedule-inspection/schedule-inspection.resolver.js';

/** In the order an activation lives through them; each use case is its handler and its resolver. */
const useCases = [
  [OpenActivationHandler, OpenActivationResolver],
  [RecordSignalHandler, RecordSignalResolver],
  [InviteAgencyHandler, InviteAgencyResolver],
  [JoinActivationHandler, JoinActivationResolver],
  [LeaveActivationHandler, LeaveActivationResolver],
  [EscalateActivationHandler, EscalateActivationResolver],
  [ScheduleInspectionHandler, ScheduleInspectionResolver],
  [CompleteInspectionHandler, CompleteInspectionResolver],
  [CancelInspectionHandler, CancelInspectionResolver],
  [RecordFindingHandler, RecordFindingResolver],
  [ImposeInterventionHandler, ImposeInterventionResolver],
  [MakeReferralHandler, MakeReferralResolver],
  [DecideIntegratedDeploymentHandler, DecideIntegratedDeploymentResolver],
  [FileReportHandler, FileReportResolver],
  [CloseActivationHandler, CloseActivationResolver],
  [ReopenActivationHandler, ReopenActivationResolver],
].flat();

/** The activation write side: one folder per use case, all through ActivationCommandExecutor. */
@Module({
  imports: [CqrsModule, EventStoreModule],
  providers: [ActivationCommandExecutor, ...useCases],
})
export class ActivationsModule {}
