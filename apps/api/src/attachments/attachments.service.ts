import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  Actor,
  ALL_DATA_CATEGORIES,
  DataCategory,
  defaultDocumentCategories,
  isDataCategory,
  Role,
} from '#domain';
import {
  ATTACHMENT_STORAGE,
  type AttachmentStorage,
  attachmentsTable,
  isAttachmentId,
  type StoredAttachmentRow,
  type StoredFacts,
} from '#attachments';
import { redact } from '#events';
import { AppConfig, ReadDatabase } from '#platform';
import { activationsTable, timelineTable } from '#read-models';
import { disclosureOfVisible, LoggedReads, type ReadRequest } from '../access-log/index.js';
import { scopeOf } from '../auth/index.js';
import { apiError, ApiErrorCode } from '../errors/index.js';
import { ReceivedFile, receiveUpload } from './upload-attachment/upload.receiver.js';

/** The answer to an upload: what to attach with attachDocument. */
export interface UploadedAttachment extends ReceivedFile {
  readonly uploadId: string;
}

/** Roles that upload and attach documents: those that work cases. */
const UPLOAD_ROLES: readonly Role[] = [Role.INSPECTOR, Role.COORDINATOR];
/** Roles that may download: those that read case data. */
const DOWNLOAD_ROLES: readonly Role[] = [Role.INSPECTOR, Role.COORDINATOR, Role.AGENCY_SYSTEM];

const EVERY_CATEGORY: ReadonlySet<DataCategory> = new Set(ALL_DATA_CATEGORIES);
/** Timeline entries read to find the default categories of a document. */
const DEFAULT_FROM_ENTRIES = 10_000;
const CLEANUP_EVERY_MS = 10 * 60 * 1000;

/** One answer for an attachment that does not exist and one the reader may not download, to the byte. */
export function attachmentNotFound(id: string) {
  return apiError(
    ApiErrorCode.NOT_FOUND,
    `Your agency may download no attachment ${JSON.stringify(String(id).slice(0, 100))}; check the id, or ask the ` +
      'agency that attached it whether your agreements cover every category it carries. A document is also ' +
      "gone once its activation's personal data was destroyed at the end of its retention.",
    { reason: 'ATTACHMENT_NOT_FOUND' },
  );
}

/** Days as the retention counts them: in the Netherlands. */
const DUTCH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });

/**
 * The answer for a destroyed document, only to a reader who could download it otherwise: its timeline
 * shows the document.attached entry with this id, so it knows the document existed.
 */
export function attachmentDestroyed(id: string, destroyedAt: Date) {
  return apiError(
    ApiErrorCode.NOT_FOUND,
    `The attachment ${JSON.stringify(id)} was destroyed on ${DUTCH_DAY.format(destroyedAt)} with its activation's personal data, at the end of ` +
      "its retention: its content can no longer be read by anyone. The activation's timeline keeps that it was attached.",
    { reason: 'ATTACHMENT_DESTROYED' },
  );
}

export function uploadNotFound(id: string) {
  return apiError(
    ApiErrorCode.NOT_FOUND,
    `Your agency has no upload ${JSON.stringify(String(id).slice(0, 100))} waiting to be attached here; upload ` +
      'the file first (POST /attachments) and attach it by the uploadId that answered.',
    { reason: 'UPLOAD_NOT_FOUND', field: 'uploadId' },
  );
}

/**
 * Attachments from upload to download: the stored upload (bytes in the storage port, the rest in the
 * attachments table), its attachment to an activation, the entitled download, and the removal of uploads
 * never attached.
 */
@Injectable()
export class Attachments implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Attachments');
  private cleanup?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly writer: DataSource,
    private readonly reader: ReadDatabase,
    private readonly reads: LoggedReads,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
  ) {}

  onModuleInit(): void {
    if (this.config.attachments.unattachedTtlMinutes === 0) return;
    this.cleanup = setInterval(() => void this.removeUnattached().catch(() => undefined), CLEANUP_EVERY_MS);
    this.cleanup.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.cleanup);
  }

  requireUploader(actor: Actor): void {
    if (UPLOAD_ROLES.includes(actor.role)) return;
    throw apiError(
      ApiErrorCode.FORBIDDEN,
      `The role ${actor.role} does not add documents to activations; sign in as an inspector or coordinator.`,
      { reason: 'ROLE_NOT_ALLOWED' },
    );
  }

  /** Receives one upload as it streams in; on any refusal nothing of it remains. */
  async upload(actor: Actor, request: IncomingMessage): Promise<UploadedAttachment> {
    this.requireUploader(actor);
    const uploadId = randomUUID();
    let begun = false;
    try {
      const file = await receiveUpload(request, this.config.attachments.maxBytes, async (bytes) => {
        await attachmentsTable.begin(this.writer.manager, uploadId, actor);
        begun = true;
        await this.storage.write(uploadId, bytes);
      });
      await attachmentsTable.finish(this.writer.manager, uploadId, file);
      return { uploadId, ...file };
    } catch (error) {
      if (begun) await this.discard([uploadId]);
      throw error;
    }
  }

  /**
   * Reserves the actor's stored upload for the activation, with the categories it will carry (the declared
   * ones, or the default). `release` undoes it when the command is refused, `confirm` makes it final.
   */
  async reserve(
    actor: Actor,
    activationId: string,
    uploadId: string,
    declared: readonly DataCategory[] | undefined,
  ): Promise<{ facts: StoredFacts; attached: boolean; categories: DataCategory[] }> {
    this.requireUploader(actor);
    const claimed = isAttachmentId(uploadId)
      ? await attachmentsTable.claim(this.writer.manager, uploadId, actor.agency, activationId)
      : undefined;
    if (!claimed) throw uploadNotFound(uploadId);
    const { attached, ...facts } = claimed;
    const categories = declared?.length ? [...declared] : await this.defaultCategories(actor, activationId);
    return { facts, attached, categories };
  }

  confirm(uploadId: string, categories: readonly DataCategory[]): Promise<void> {
    return attachmentsTable.confirm(this.writer.manager, uploadId, categories);
  }

  release(uploadId: string, activationId: string): Promise<void> {
    return attachmentsTable.release(this.writer.manager, uploadId, activationId);
  }

  /**
   * The categories of the most sensitive event of the activation that the actor's agency sees, as it sees
   * them (its own timeline, redacted for it): see defaultDocumentCategories. An activation it does not see
   * gives the fallback, and the command is then refused as for any activation it does not see.
   */
  private async defaultCategories(actor: Actor, activationId: string): Promise<DataCategory[]> {
    const rows = await this.reader.read(scopeOf(actor), (db) =>
      timelineTable.page(db, actor.agency, activationId, undefined, DEFAULT_FROM_ENTRIES),
    );
    return defaultDocumentCategories(
      (rows ?? []).map((row) => {
        const withheld = new Set(row.withheld);
        const carried = redact({ type: row.event_type, data: row.payload }, EVERY_CATEGORY)?.carried ?? [];
        return carried.filter((category) => !withheld.has(category));
      }),
    );
  }

  /**
   * The attachment the actor may download, with the access log line of the read written (in the same
   * transaction) before a byte leaves; NOT_FOUND alike for an id that does not exist and one the actor may
   * not download, no sooner than the not-found floor.
   */
  async download(
    actor: Actor,
    request: ReadRequest,
    id: string,
  ): Promise<{ row: StoredAttachmentRow; bytes: AsyncIterable<Buffer> }> {
    if (!DOWNLOAD_ROLES.includes(actor.role)) {
      throw apiError(
        ApiErrorCode.FORBIDDEN,
        'A policy admin or privacy officer reads no case data; sign in as an inspector, coordinator or agency system to download documents.',
        { reason: 'ROLE_MAY_NOT_READ' },
      );
    }
    const started = performance.now();
    try {
      if (!isAttachmentId(id)) throw attachmentNotFound(id);
      const row = await this.reads.read({ actor, request, operation: 'attachment' }, async (db, view) => {
        // Row-level security lets the row through only for an agency whose timeline shows the attachment.
        const found = await attachmentsTable.readable(db, id);
        if (!found || found.activation_id === null) throw attachmentNotFound(id);
        const categories = found.categories.filter(isDataCategory);
        // Purpose limitation: the agreements serving the read's activity must show it too, as the timeline
        // entry would show for that activity (the one redaction, through the activity's view).
        if (view.narrows) {
          const region = (await activationsTable.find(db, actor.agency, found.activation_id))?.region;
          const [entry] = view.timeline(region, [
            {
              stream_version: 0,
              event_id: id,
              event_type: 'document.attached',
              occurred_at: found.attached_at ?? new Date(0),
              acting_agency: found.agency,
              payload: { attachmentId: id, attachedBy: found.agency, categories },
              withheld: [],
            },
          ]);
          if ((entry?.payload as { attachmentId?: unknown } | undefined)?.attachmentId !== id)
            throw attachmentNotFound(id);
        }
        // Told only to whom the document was readable: nothing is disclosed, so no access-log line either.
        if (found.state === 'DESTROYED') throw attachmentDestroyed(id, found.destroyed_at);
        return {
          result: found,
          disclosures: [disclosureOfVisible(found.activation_id, { data: {}, carried: categories })],
        };
      });
      return { row, bytes: this.storage.read(scopeOf(actor), id) };
    } catch (error) {
      if ((error as { extensions?: { reason?: unknown } }).extensions?.reason === 'ATTACHMENT_NOT_FOUND') {
        await sleep(Math.max(0, this.config.notFoundFloorMs - (performance.now() - started)));
      }
      throw error;
    }
  }

  /** Removes uploads never attached that are older than the configured time (and any left RECEIVING). */
  async removeUnattached(now = new Date()): Promise<number> {
    const ttl = this.config.attachments.unattachedTtlMinutes;
    if (ttl === 0) return 0;
    const ids = await attachmentsTable.unattached(
      this.writer.manager,
      new Date(now.getTime() - ttl * 60_000),
      500,
    );
    await this.discard(ids);
    if (ids.length) this.logger.log(`removed ${ids.length} upload(s) never attached`);
    return ids.length;
  }

  private async discard(ids: readonly string[]): Promise<void> {
    await this.storage.remove(ids);
    await attachmentsTable.remove(this.writer.manager, ids);
  }
}
