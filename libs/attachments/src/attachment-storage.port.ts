import type { ReadScope } from '#platform';

/**
 * Where the bytes of attachments live: the port keten's upload, download and destruction paths use, so an object store
 * (S3, MinIO, Azure Blob) can replace the PostgreSQL default without touching them. What keten knows of an
 * attachment besides its bytes (owner, type, size, hash, activation) stays in the attachments table either
 * way, and every download is decided there, under row-level security, before the bytes are asked for.
 */
export interface AttachmentStorage {
  /**
   * Stores the bytes as they arrive, never all of them in memory at once. Resolves once every byte is
   * stored; when `bytes` throws (too large, the client went away) it rejects, and the caller removes what
   * was written with `remove`.
   */
  write(attachmentId: string, bytes: AsyncIterable<Buffer>): Promise<void>;
  /** The bytes, in order, as the reader may read them (the PostgreSQL adapter reads under its RLS scope). */
  read(scope: ReadScope, attachmentId: string): AsyncIterable<Buffer>;
  /** Removes the bytes of these attachments; removing what is not there is no error. */
  remove(attachmentIds: readonly string[]): Promise<void>;
}

/** The Nest token of the configured AttachmentStorage. */
export const ATTACHMENT_STORAGE = Symbol('AttachmentStorage');
