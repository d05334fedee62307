import PDFDocument from 'pdfkit';
import type { ProcessReport } from './process-report.model.js';

const MARGIN = 56;

/**
 * The process report as a PDF (pdfkit): A4, the case and the moment it was made at the top of every page,
 * page numbers ("pagina 2 van 5") at the bottom.
 */
export function processReportPdf(report: ProcessReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 14, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: report.title, Author: 'keten', Subject: 'Procesverslag' },
    lang: 'nl-NL',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(report.title);
  doc.moveDown();
  for (const section of report.sections) {
    doc.font('Helvetica-Bold').fontSize(13).text(section.heading);
    doc.moveDown(0.3);
    if (section.items.length === 0)
      doc
        .font('Helvetica-Oblique')
        .fontSize(10)
        .text(section.empty ?? '');
    for (const item of section.items) {
      if (item.title) doc.font('Helvetica-Bold').fontSize(10).text(item.title);
      for (const row of item.rows) {
        doc.font('Helvetica-Bold').fontSize(10).text(`${row.label}: `, { continued: true });
        doc.font('Helvetica').text(row.value);
      }
      doc.moveDown(0.4);
    }
    doc.moveDown();
  }

  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = doc.page.width - 2 * MARGIN;
    doc.font('Helvetica').fontSize(8);
    doc.text(report.running, MARGIN, MARGIN - 10, { width, lineBreak: false });
    doc.text(`pagina ${index + 1} van ${count}`, MARGIN, doc.page.height - MARGIN + 14, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
