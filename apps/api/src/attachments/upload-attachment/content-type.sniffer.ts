import { fileTypeFromBuffer } from 'file-type';

/**
 * What inspectors attach: the proces-verbaal and letters as PDF, photos from a camera (JPEG), screenshots
 * (PNG), and what phones store photos as (HEIC/HEIF on iPhones, WebP on many Android phones). Decided by the
 * file's first bytes (its magic number), never by its name or the type the client claims.
 */
export const ACCEPTED_CONTENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['application/pdf', 'pdf'],
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
  ['image/heic', 'heic'],
  ['image/heif', 'heif'],
  ['image/webp', 'webp'],
]);

/** How many leading bytes file-type needs to tell these formats apart. */
export const SNIFF_BYTES = 4100;

/** The content type the bytes show, when it is one keten accepts; otherwise what they look like, if anything. */
export async function sniffContentType(
  head: Buffer,
): Promise<{ accepted: true; contentType: string } | { accepted: false; seen?: string }> {
  const detected = await fileTypeFromBuffer(head);
  if (detected && ACCEPTED_CONTENT_TYPES.has(detected.mime))
    return { accepted: true, contentType: detected.mime };
  return { accepted: false, ...(detected && { seen: detected.mime }) };
}

export function extensionOf(contentType: string): string {
  return ACCEPTED_CONTENT_TYPES.get(contentType) ?? 'bin';
}
