import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlatformModule, ReadDatabase } from '#platform';
import { ATTACHMENT_STORAGE } from './attachment-storage.port.js';
import { DocumentShredder } from './document.shredder.js';
import { PostgresAttachmentStorage } from './postgres-attachment.storage.js';

/**
 * The storage of documents' bytes, for the api (upload, download) and the worker (destruction with an
 * activation's personal data) alike, so both always use the same one. To keep the bytes in an object
 * store, provide another AttachmentStorage under ATTACHMENT_STORAGE here (see the README).
 */
@Module({
  imports: [PlatformModule],
  providers: [
    {
      provide: ATTACHMENT_STORAGE,
      inject: [DataSource, ReadDatabase],
      useFactory: (writer: DataSource, reader: ReadDatabase) => new PostgresAttachmentStorage(writer, reader),
    },
    DocumentShredder,
  ],
  exports: [ATTACHMENT_STORAGE, DocumentShredder],
})
export class AttachmentStorageModule {}
