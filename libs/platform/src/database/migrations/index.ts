import { EventStore1795400000000 } from './1795400000000-event-store.migration.js';
import { IdleTransactionTimeout1795400000001 } from './1795400000001-idle-transaction-timeout.migration.js';
import { ReadModels1795400000002 } from './1795400000002-read-models.migration.js';
import { ReadPolicies1795400000003 } from './1795400000003-read-policies.migration.js';
import { AgencyFeeds1795400000004 } from './1795400000004-agency-feeds.migration.js';
import { ReprojectOutcome1795400000005 } from './1795400000005-reproject-outcome.migration.js';
import { FeedRegionAndRecordedAt1795400000010 } from './1795400000010-feed-region-and-recorded-at.migration.js';
import { ProjectionVersions1795400000011 } from './1795400000011-projection-versions.migration.js';
import { AgreementTookEffect1795400000012 } from './1795400000012-agreement-took-effect.migration.js';
import { AgreementParties1795400000130 } from './1795400000130-agreement-parties.migration.js';
import { FeedAgencySequence1795400000120 } from './1795400000120-feed-agency-sequence.migration.js';
import { AccessLogOwnAgency1795400000121 } from './1795400000121-access-log-own-agency.migration.js';
import { FeedAgreementsReadable1795400000122 } from './1795400000122-feed-agreements-readable.migration.js';
import { AccessLogLdv1795400000133 } from './1795400000133-access-log-ldv.migration.js';
import { RelayClustersAndDeadLetters1795400000140 } from './1795400000140-relay-clusters-and-dead-letters.migration.js';
import { CaseNumbers1795400000150 } from './1795400000150-case-numbers.migration.js';
import { Inbox1795400000151 } from './1795400000151-inbox.migration.js';
import { Attachments1795400000160 } from './1795400000160-attachments.migration.js';
import { ActivationActors1795400000165 } from './1795400000165-activation-actors.migration.js';
import { Search1795400000170 } from './1795400000170-search.migration.js';
import { Corrections1795400000180 } from './1795400000180-corrections.migration.js';
import { NationalFigures1795400000190 } from './1795400000190-national-figures.migration.js';
import { SubjectKeys1795400000200 } from './1795400000200-subject-keys.migration.js';
import { SubjectActivations1795400000203 } from './1795400000203-subject-activations.migration.js';
import { RetentionActions1795400000250 } from './1795400000250-retention-actions.migration.js';
import { LegacySealing1795400000260 } from './1795400000260-legacy-sealing.migration.js';
import { AccessRequestScope1795400000265 } from './1795400000265-access-request-scope.migration.js';
import { DestroyedAttachments1795400000266 } from './1795400000266-destroyed-attachments.migration.js';
import { FeedErasureRewrite1795400000270 } from './1795400000270-feed-erasure-rewrite.migration.js';
import { ErasureRequests1795400000280 } from './1795400000280-erasure-requests.migration.js';
import { ErasureRequestsOwnAgency1795400000281 } from './1795400000281-erasure-requests-own-agency.migration.js';

/**
 * Every schema migration of the platform, oldest first. One database, one ordered history:
 * capabilities add their migrations here rather than keeping private lists that could run out of order.
 */
export const migrations: Function[] = [
  EventStore1795400000000,
  IdleTransactionTimeout1795400000001,
  ReadModels1795400000002,
  ReadPolicies1795400000003,
  AgencyFeeds1795400000004,
  ReprojectOutcome1795400000005,
  FeedRegionAndRecordedAt1795400000010,
  ProjectionVersions1795400000011,
  AgreementTookEffect1795400000012,
  FeedAgencySequence1795400000120,
  AccessLogOwnAgency1795400000121,
  FeedAgreementsReadable1795400000122,
  AgreementParties1795400000130,
  AccessLogLdv1795400000133,
  RelayClustersAndDeadLetters1795400000140,
  CaseNumbers1795400000150,
  Inbox1795400000151,
  Attachments1795400000160,
  ActivationActors1795400000165,
  Search1795400000170,
  Corrections1795400000180,
  NationalFigures1795400000190,
  SubjectKeys1795400000200,
  SubjectActivations1795400000203,
  RetentionActions1795400000250,
  LegacySealing1795400000260,
  AccessRequestScope1795400000265,
  DestroyedAttachments1795400000266,
  FeedErasureRewrite1795400000270,
  ErasureRequests1795400000280,
  ErasureRequestsOwnAgency1795400000281,
];
