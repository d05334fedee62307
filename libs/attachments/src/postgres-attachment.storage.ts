import { DataSource } from 'typeorm';
import { ReadDatabase, type ReadScope } from '#platform';
import { attachmentsTable } from './attachments.table.js';
import { AttachmentStorage } from './attachment-storage.port.js';

/** Bytes per stored chunk: large enough for few rows, small enough to hold a handful in memory. */
const CHUNK_BYTES = 256 * 1024;
/** Chunks read per transaction on download. */
const CHUNKS_PER_READ = 4;

/**
 * The default AttachmentStorage: bytea chunks in attachment_chunks. Each chunk is its own short
 * transaction, so an upload over a slow phone connection holds no transaction open (which would hold back
 * the event store's gap-safe horizon and the projector with it). Downloads read a few chunks per
 * transaction as keten_api, under row-level security for the reader's agency.
 */
export class PostgresAttachmentStorage implements AttachmentStorage {
  constructor(
    private readonly writer: DataSource,
    private readonly reader: ReadDatabase,
  ) {}

  async write(attachmentId: string, bytes: AsyncIterable<Buffer>): Promise<void> {
    let pending: Buffer[] = [];
    let size = 0;
    let seq = 0;
    const flush = async () => {
      if (size === 0) return;
      await attachmentsTable.addChunk(this.writer.manager, attachmentId, seq++, Buffer.concat(pending, size));
      pending = [];
      size = 0;
    };
    for await (const chunk of bytes) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= CHUNK_BYTES) await flush();
    }
    await flush();
  }

  async *read(scope: ReadScope, attachmentId: string): AsyncIterable<Buffer> {
    let next = 0;
    for (;;) {
      const chunks = await this.reader.read(scope, (db) =>
        attachmentsTable.chunks(db, attachmentId, next, CHUNKS_PER_READ),
      );
      for (const chunk of chunks) yield chunk.bytes;
      if (chunks.length < CHUNKS_PER_READ) return;
      next = chunks[chunks.length - 1].seq + 1;
    }
  }

  async remove(attachmentIds: readonly string[]): Promise<void> {
    await attachmentsTable.removeChunks(this.writer.manager, attachmentIds);
  }
}
