import { pagedPdf } from '../pdf/paged-pdf.js';
import type { ProcessReport } from './process-report.model.js';

/**
 * The process report as a PDF (pdfkit): A4, the case and the moment it was made at the top of every page,
 * page numbers ("pagina 2 van 5") at the bottom.
 */
export function processReportPdf(report: ProcessReport): Promise<Buffer> {
  const { doc, finish } = pagedPdf({ title: report.title, subject: 'Procesverslag' });

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

  return finish(report.running);
}
