import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { GraphQLError } from 'graphql';
import { apiError, ApiErrorCode } from '../../errors/index.js';
import { ACCEPTED_CONTENT_TYPES, SNIFF_BYTES, sniffContentType } from './content-type.sniffer.js';

/** What the upload's bytes turned out to be. */
export interface ReceivedFile {
  readonly contentType: string;
  readonly byteLength: number;
  readonly sha256: string;
}

/** The client went away before the body was complete: there is nobody to answer. */
export class ClientGone extends Error {
  constructor() {
    super('The client closed the connection before the upload was complete.');
    this.name = 'ClientGone';
  }
}

/** Multipart overhead (boundaries, part headers, a few small fields) allowed besides the file itself. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const refuse = (reason: string, message: string, field = 'file') =>
  apiError(ApiErrorCode.BAD_USER_INPUT, message, { reason, field });

export const tooLarge = (maxBytes: number) =>
  refuse(
    'FILE_TOO_LARGE',
    `The file is larger than the ${maxBytes} bytes keten accepts; send a smaller file (a lower photo resolution, ` +
      'or the PDF in parts).',
  );

const accepted = [...ACCEPTED_CONTENT_TYPES.keys()].join(', ');

/**
 * Reads one multipart/form-data upload as it streams in: the first file part (any field name, `file` by
 * convention) goes to `store` chunk by chunk, after its first bytes showed an accepted type, hashed and
 * counted on the way. Never more than a few chunks are in memory. Rejects with a typed error (or
 * ClientGone) when the upload is too large, of another type, broken, empty, has no or several files, or the
 * client went away; `store` has then seen an iterable that threw, and the caller removes what it wrote.
 */
export async function receiveUpload(
  request: IncomingMessage,
  maxBytes: number,
  store: (bytes: AsyncIterable<Buffer>) => Promise<void>,
): Promise<ReceivedFile> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      // busboy counts a file of exactly fileSize bytes as truncated: one more, and truncated means too large.
      limits: { files: 1, fileSize: maxBytes + 1, fields: 10, fieldSize: 1024, parts: 12 },
    });
  } catch {
    throw refuse(
      'NOT_MULTIPART',
      'Send the file as multipart/form-data (curl -F "file=@photo.jpg"), with its boundary in the content-type.',
      'content-type',
    );
  }

  let failure: Error | undefined;
  const fail = (error: Error) => (failure ??= error);
  let current: Readable | undefined;
  let work: Promise<ReceivedFile> | undefined;
  let received = 0;

  const parsed = new Promise<void>((resolve) => {
    parser.on('file', (_field, file) => {
      current = file;
      work = storeFile(file, maxBytes, store);
      work.catch(fail);
    });
    parser.on('filesLimit', () =>
      fail(refuse('TOO_MANY_FILES', 'Send one file per upload; upload the others one by one.')),
    );
    parser.on('partsLimit', () => fail(refuse('BROKEN_MULTIPART', 'The upload has too many parts.')));
    parser.on('error', () => {
      fail(
        refuse(
          'BROKEN_MULTIPART',
          'The multipart body is broken (a missing boundary or an early end); send it again, e.g. with curl -F.',
        ),
      );
      current?.destroy(failure);
      resolve();
    });
    parser.on('close', () => resolve());
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // A body that keeps coming after the file hit its limit is not read to the end.
      if (received > maxBytes + MULTIPART_OVERHEAD_BYTES) {
        fail(tooLarge(maxBytes));
        request.unpipe(parser);
        current?.destroy(failure);
        resolve();
      }
    });
    request.on('close', () => {
      if (request.complete) return;
      fail(new ClientGone());
      current?.destroy(failure);
      resolve();
    });
    request.pipe(parser);
  });

  await parsed;
  const file = work
    ? await work.then(
        (value) => value,
        (error: Error) => fail(error),
      )
    : undefined;
  if (failure) throw failure;
  if (!file) {
    throw refuse(
      'NO_FILE',
      'The upload holds no file; send it as a file part (curl -F "file=@proces-verbaal.pdf").',
    );
  }
  return file as ReceivedFile;
}

async function storeFile(
  file: Readable & { truncated?: boolean },
  maxBytes: number,
  store: (bytes: AsyncIterable<Buffer>) => Promise<void>,
): Promise<ReceivedFile> {
  const chunks = file[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    return await storeChunks(file, chunks, maxBytes, store);
  } catch (error) {
    // However the file ends, busboy must read on to the end of the body to finish: drain what is left.
    void (async () => {
      while (!(await chunks.next()).done);
    })().catch(() => undefined);
    throw error;
  }
}

async function storeChunks(
  file: Readable & { truncated?: boolean },
  chunks: AsyncIterator<Buffer>,
  maxBytes: number,
  store: (bytes: AsyncIterable<Buffer>) => Promise<void>,
): Promise<ReceivedFile> {
  const head: Buffer[] = [];
  let headSize = 0;
  let ended = false;
  while (headSize < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headSize += next.value.length;
  }
  if (file.truncated) throw tooLarge(maxBytes);
  if (headSize === 0) throw refuse('EMPTY_FILE', 'The file is empty; choose the file again.');
  const sniffed = await sniffContentType(Buffer.concat(head, headSize));
  if (!sniffed.accepted) {
    throw refuse(
      'UNSUPPORTED_CONTENT_TYPE',
      `The file is ${sniffed.seen ? `${sniffed.seen}` : 'of no type keten recognises'} by its content, whatever its ` +
        `name says; keten accepts ${accepted}.`,
    );
  }
  const hash = createHash('sha256');
  let size = 0;
  async function* bytes(): AsyncGenerator<Buffer> {
    for (const chunk of head) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
    while (!ended) {
      const next = await chunks.next();
      if (next.done) break;
      hash.update(next.value);
      size += next.value.length;
      yield next.value;
    }
    if (file.truncated) throw tooLarge(maxBytes);
  }
  await store(bytes());
  return { contentType: sniffed.contentType, byteLength: size, sha256: hash.digest('hex') };
}

export function isUploadRefusal(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError;
}
