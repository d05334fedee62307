import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlatformModule, ReadDatabase } from '#platform';
import { AccessLogModule } from '../access-log/index.js';
import { ActivationsModule } from '../activations/index.js';
import { AuthModule } from '../auth/index.js';
import { LimitsModule } from '../limits/index.js';
import { AttachDocumentResolver } from './attach-document/attach-document.resolver.js';
import { Attachments } from './attachments.service.js';
import { DownloadAttachmentController } from './download-attachment/download-attachment.controller.js';
import { ATTACHMENT_STORAGE } from './storage/attachment-storage.port.js';
import { PostgresAttachmentStorage } from './storage/postgres-attachment.storage.js';
import { UploadAttachmentController } from './upload-attachment/upload-attachment.controller.js';

/**
 * Documents on activations: upload (POST /attachments), attachDocument, download (GET /attachments/:id).
 * The bytes go through the AttachmentStorage port; to keep them in an object store, provide another
 * implementation under ATTACHMENT_STORAGE here (see the README).
 */
@Module({
  imports: [PlatformModule, AuthModule, LimitsModule, AccessLogModule, ActivationsModule],
  controllers: [UploadAttachmentController, DownloadAttachmentController],
  providers: [
    Attachments,
    AttachDocumentResolver,
    {
      provide: ATTACHMENT_STORAGE,
      inject: [DataSource, ReadDatabase],
      useFactory: (writer: DataSource, reader: ReadDatabase) => new PostgresAttachmentStorage(writer, reader),
    },
  ],
})
export class AttachmentsModule {}
