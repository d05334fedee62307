import PDFDocument from 'pdfkit';

/** The margin of keten's PDF documents (points); the running head sits in the top one. */
export const PDF_MARGIN = 56;

/**
 * An A4 document in Dutch (pdfkit) for keten's reports: `finish(running)` puts the running head (what the
 * document is, for whom, when) at the top of every page and "pagina 2 van 5" at the bottom, and answers
 * the bytes.
 */
export function pagedPdf(info: { title: string; subject: string }): {
  doc: PDFKit.PDFDocument;
  finish(running: string): Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PDF_MARGIN + 14, bottom: PDF_MARGIN, left: PDF_MARGIN, right: PDF_MARGIN },
    bufferPages: true,
    info: { Title: info.title, Author: 'keten', Subject: info.subject },
    lang: 'nl-NL',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish(running: string): Promise<Buffer> {
      const { start, count } = doc.bufferedPageRange();
      for (let index = start; index < start + count; index++) {
        doc.switchToPage(index);
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        const width = doc.page.width - 2 * PDF_MARGIN;
        doc.font('Helvetica').fontSize(8).fillColor('black');
        doc.text(running, PDF_MARGIN, PDF_MARGIN - 10, { width, lineBreak: false });
        doc.text(`pagina ${index + 1} van ${count}`, PDF_MARGIN, doc.page.height - PDF_MARGIN + 14, {
          width,
          align: 'right',
          lineBreak: false,
        });
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      return done;
    },
  };
}
