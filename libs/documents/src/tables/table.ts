import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | null;

/** A table of a report or list: what a CSV file or a worksheet holds. */
export interface Table {
  /** The worksheet's name (at most 31 characters). */
  readonly name: string;
  readonly columns: readonly { readonly key: string; readonly header: string }[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
}

/**
 * A table as CSV: RFC 4180 (CRLF between records, fields quoted where needed), UTF-8 with a byte order
 * mark, so spreadsheet programs read the accents.
 */
export function tableCsv(table: Table): Buffer {
  const text = stringify(
    table.rows.map((row) => table.columns.map((column) => row[column.key] ?? '')),
    { header: true, columns: table.columns.map((column) => column.header), record_delimiter: 'windows' },
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** Tables as an Excel workbook (exceljs), a worksheet each, with a bold header row. */
export async function tablesWorkbook(tables: readonly Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'keten';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31));
    sheet.columns = table.columns.map((column) => ({
      key: column.key,
      header: column.header,
      width: Math.max(12, column.header.length + 2),
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
