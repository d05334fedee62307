import { Module } from '@nestjs/common';
import { AttachmentStorageModule } from '#attachments';
import { PlatformModule } from '#platform';
import { AccessLogModule } from '../access-log/index.js';
import { ActivationsModule } from '../activations/index.js';
import { AuthModule } from '../auth/index.js';
import { LimitsModule } from '../limits/index.js';
import { AttachDocumentResolver } from './attach-document/attach-document.resolver.js';
import { Attachments } from './attachments.service.js';
import { DownloadAttachmentController } from './download-attachment/download-attachment.controller.js';
import { UploadAttachmentController } from './upload-attachment/upload-attachment.controller.js';

/**
 * Documents on activations: upload (POST /attachments), attachDocument, download (GET /attachments/:id).
 * The bytes go through the AttachmentStorage port of libs/attachments, the one the worker destroys them
 * through too; to keep them in an object store, provide another implementation there (see the README).
 */
@Module({
  imports: [
    PlatformModule,
    AttachmentStorageModule,
    AuthModule,
    LimitsModule,
    AccessLogModule,
    ActivationsModule,
  ],
  controllers: [UploadAttachmentController, DownloadAttachmentController],
  providers: [Attachments, AttachDocumentResolver],
})
export class AttachmentsModule {}
