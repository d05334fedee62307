import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ATTACHMENT_STORAGE, type AttachmentStorage } from './attachment-storage.port.js';
import { attachmentsTable } from './attachments.table.js';

/**
 * Destroys the documents of an activation whose personal data is destroyed as a whole (retention): their
 * bytes are stored as uploaded, not sealed under a key, so shredding the activation's key leaves them, and
 * they must go themselves. Each attachment first becomes the record of its destruction (from then on no
 * download serves it), then its bytes leave the storage. Idempotent, and safe to repeat after a crash
 * between the two: the bytes of every destroyed attachment of the activation are removed again, which
 * for bytes already gone is no error.
 */
@Injectable()
export class DocumentShredder {
  constructor(
    private readonly writer: DataSource,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
  ) {}

  /** Answers how many documents were destroyed now (none when the activation's were destroyed before). */
  async shredActivation(activationId: string, erasureId: string, at: Date): Promise<number> {
    const destroyed = await attachmentsTable.destroy(this.writer.manager, activationId, erasureId, at);
    await this.storage.remove(await attachmentsTable.destroyedOf(this.writer.manager, activationId));
    return destroyed;
  }
}
