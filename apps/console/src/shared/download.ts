import { graphql } from '../api/generated';

/** What every query of a document asks of it (…ConsoleDocument). */
graphql(`
  fragment ConsoleDocument on GeneratedDocument {
    base64
    fileName
    contentType
  }
`);

/** A document the api made (GeneratedDocument: base64 bytes, file name, content type). */
export interface DownloadableDocument {
  readonly base64: string;
  readonly fileName: string;
  readonly contentType: string;
}

/**
 * Saves a document of the api on the person's device under its own file name: the bytes come in the
 * GraphQL answer (base64), so there is no second request that would need the token in a link.
 */
export function saveDocument(document: DownloadableDocument): void {
  const bytes = Uint8Array.from(atob(document.base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: document.contentType }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = document.fileName;
  link.hidden = true;
  window.document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the bytes once the click's download began.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
