/**
 * Reading a directory file (.csv or .xlsx) into rows of text, in a worker thread of its own
 * (server/lib/offload): an .xlsx is a zip of XML, and one built to swell or to be slow must cost
 * only its own worker, never the server's request thread. A file that cannot be read comes back
 * as a refusal (data, not an error, so that its bilingual message survives the copy).
 */
import ExcelJS from "exceljs";
import { parseCsv } from "../../lib/csv.ts";
import { both, type MessageParam } from "../../lib/errors.ts";

/** How many columns of a directory file are read (the columns of `transfer.ts`). */
export const DIRECTORY_COLUMNS = 10;

export type TableRead = { table: string[][] } | { refused: MessageParam };

export async function readDirectoryTable(bytes: Uint8Array, filename: string): Promise<TableRead> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lower = filename.toLowerCase();
  if (lower.endsWith(".csv")) {
    try {
      return { table: parseCsv(buffer.toString("utf8")) };
    } catch (error) {
      return { refused: (error as Error).message };
    }
  }
  if (lower.endsWith(".xlsx")) {
    // An .xlsx is a zip: refuse anything else before handing it to the reader.
    if (buffer.subarray(0, 4).toString("binary") !== "PK\u0003\u0004") {
      return { refused: both("không phải tệp .xlsx", "not an .xlsx file") };
    }
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    } catch (error) {
      return { refused: (error as Error).message };
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return { refused: both("không có trang tính", "no worksheet") };
    const table: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let i = 1; i <= DIRECTORY_COLUMNS; i++) {
        const value = row.getCell(i).value;
        cells.push(
          value == null ? "" : value instanceof Date ? value.toISOString().slice(0, 10) : String(value),
        );
      }
      table.push(cells);
    });
    return { table };
  }
  return { refused: both("chỉ nhận .csv hoặc .xlsx", "only .csv or .xlsx") };
}
