import { pagedPdf, PDF_MARGIN as MARGIN } from '../pdf/paged-pdf.js';
import type { Table } from '../tables/table.js';

const BAR_HEIGHT = 12;
const ROW_GAP = 6;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 80;

export interface YearlyReportInput {
  readonly year: number;
  /** Whose figures these are (the agency the report is made for). */
  readonly viewer: string;
  readonly generatedAt: Date;
  /** The tables of the figures: each gets its chart, a bar per row, with the number beside it. */
  readonly tables: readonly Table[];
  /** Sentences on what the figures do not count for this viewer (its agreements). */
  readonly notes: readonly string[];
}

const DATE = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });

/**
 * The LOT-C style yearly report as a PDF (pdfkit): the figures of one year, a table each with its chart
 * drawn as vector bars (no browser, no image library), the numbers printed beside the bars so the report
 * reads the same in text. A4, the year and viewer at the top of every page, page numbers at the bottom.
 */
export function yearlyReportPdf(input: YearlyReportInput): Promise<Buffer> {
  const title = `Jaarverslag activaties ${input.year}`;
  const running = `${title} · cijfers voor ${input.viewer} · gemaakt ${DATE.format(input.generatedAt)}`;
  const { doc, finish } = pagedPdf({ title, subject: 'Jaarverslag' });

  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(18).text(title);
  doc.font('Helvetica').fontSize(10).text(`Landelijke verantwoording (LOT-C) · ${input.viewer}`);
  doc.moveDown();
  for (const note of input.notes) doc.font('Helvetica-Oblique').fontSize(9).text(note);
  if (input.notes.length) doc.moveDown();

  for (const table of input.tables) {
    const [keyColumn, valueColumn] = table.columns;
    const rows = table.rows.map((row) => ({
      label: String(row[keyColumn.key] ?? ''),
      value: Number(row[valueColumn.key] ?? 0),
    }));
    const height = 40 + Math.max(rows.length, 1) * (BAR_HEIGHT + ROW_GAP);
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(12).fillColor('black').text(table.name, MARGIN, doc.y);
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(`${keyColumn.header} · ${valueColumn.header}`);
    doc.moveDown(0.4);
    if (rows.length === 0) {
      doc.font('Helvetica-Oblique').fontSize(9).fillColor('black').text('Geen.');
    }
    const max = Math.max(1, ...rows.map((row) => row.value));
    const barSpace = width - LABEL_WIDTH - VALUE_WIDTH;
    for (const row of rows) {
      const y = doc.y;
      doc.font('Helvetica').fontSize(9).fillColor('black');
      doc.text(row.label, MARGIN, y + 2, { width: LABEL_WIDTH - 8, lineBreak: false, ellipsis: true });
      const bar = (row.value / max) * barSpace;
      if (bar > 0) doc.rect(MARGIN + LABEL_WIDTH, y, bar, BAR_HEIGHT).fill('#01689b');
      doc.fillColor('black').text(row.value.toLocaleString('nl-NL'), MARGIN + LABEL_WIDTH + bar + 4, y + 2, {
        width: VALUE_WIDTH,
        lineBreak: false,
      });
      doc.x = MARGIN;
      doc.y = y + BAR_HEIGHT + ROW_GAP;
    }
    doc.moveDown(1.2);
  }

  return finish(running);
}
