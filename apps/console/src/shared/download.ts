/** A document the api made (GeneratedDocument): its bytes in base64 and how to save it. */
export interface DownloadableDocument {
  readonly fileName: string;
  readonly contentType: string;
  readonly base64: string;
}

/**
 * Saves a document the api answered with, as the browser saves a download: the bytes never leave the page
 * for another server, and the object URL is let go once the browser has the file.
 */
export function download(document_: DownloadableDocument): void {
  const bytes = Uint8Array.from(atob(document_.base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: document_.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = document_.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
