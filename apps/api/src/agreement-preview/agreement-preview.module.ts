import { Module } from '@nestjs/common';
import { EventStoreModule } from '#events';
import { AgreementPreviewResolver } from './agreement-preview.resolver.js';

/**
 * The preview of an agreement, beside the agreements rather than in them: it shows a timeline (the reads'
 * type), and the reads already depend on the agreements.
 */
@Module({ imports: [EventStoreModule], providers: [AgreementPreviewResolver] })
export class AgreementPreviewModule {}
