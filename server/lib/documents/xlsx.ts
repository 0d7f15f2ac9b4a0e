import ExcelJS from "exceljs";
import { clock } from "../clock.ts";

/**
 * Annex workbooks (.xlsx) the way clerks expect them: a title over the table, Vietnamese column
 * titles in a bold, wrapped header row that stays in view (frozen panes, with the first columns),
 * numbers stored as numbers with a thousands format, and a totals row whose cells are formulas
 * (with their values cached, so that viewers that do not calculate still show them).
 */

export type CellValue = string | number | null;

export type SheetColumn = {
  title: string;
  /** characters */
  width?: number;
  kind?: "text" | "integer" | "decimal";
  /** what the totals row shows under this column: a formula over the column, a text, or nothing */
  total?: "sum" | "average" | { text: string } | null;
};

export type SheetSpec = {
  /** the tab's name (Excel allows 31 characters and none of : \ / ? * [ ]) */
  name: string;
  /** a line over the table, merged across it */
  title?: string;
  /** lines under the title (source, period …) */
  notes?: string[];
  columns: SheetColumn[];
  rows: CellValue[][];
  /** columns frozen at the left besides the header rows (default 0) */
  frozenColumns?: number;
};

const NUMBER_FORMAT = { integer: "#,##0", decimal: "#,##0.0#" } as const;
const FONT = { name: "Times New Roman", size: 12 };
const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, " ").trim() || "Sheet";
  return cleaned.length > 31 ? cleaned.slice(0, 31) : cleaned;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec) {
  const sheet = workbook.addWorksheet(safeSheetName(spec.name), {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = spec.columns.length;
  let rowNumber = 0;
  const lead = [spec.title, ...(spec.notes ?? [])].filter((line): line is string => !!line);
  for (const [index, line] of lead.entries()) {
    rowNumber += 1;
    const row = sheet.getRow(rowNumber);
    row.getCell(1).value = line;
    row.getCell(1).font = { ...FONT, bold: index === 0 && !!spec.title, size: index === 0 ? 13 : 11 };
    row.getCell(1).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    if (width > 1) sheet.mergeCells(rowNumber, 1, rowNumber, width);
  }
  if (lead.length > 0) rowNumber += 1; // a blank line between the title and the table

  const headerRow = rowNumber + 1;
  const header = sheet.getRow(headerRow);
  spec.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.title;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BOX;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7EEF7" } };
    sheet.getColumn(index + 1).width = column.width ?? (column.kind && column.kind !== "text" ? 14 : 30);
  });
  header.height = 45;

  const firstData = headerRow + 1;
  spec.rows.forEach((values, r) => {
    const row = sheet.getRow(firstData + r);
    spec.columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const value = values[index];
      cell.value = value === undefined ? null : value;
      cell.font = FONT;
      cell.border = BOX;
      if (column.kind && column.kind !== "text") {
        cell.numFmt = NUMBER_FORMAT[column.kind];
        cell.alignment = { horizontal: "right", vertical: "top" };
      } else {
        cell.alignment = { vertical: "top", wrapText: true };
      }
    });
  });
  const lastData = firstData + spec.rows.length - 1;

  if (spec.columns.some((column) => column.total)) {
    const row = sheet.getRow(lastData + 1);
    spec.columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      cell.font = { ...FONT, bold: true };
      cell.border = BOX;
      const total = column.total;
      if (!total) return;
      if (typeof total === "object") {
        cell.value = total.text;
        return;
      }
      const numbers = spec.rows
        .map((values) => values[index])
        .filter((value): value is number => typeof value === "number");
      const sum = numbers.reduce((a, b) => a + b, 0);
      const result = total === "sum" ? sum : numbers.length ? sum / numbers.length : 0;
      const range = `${columnLetter(index)}${firstData}:${columnLetter(index)}${Math.max(lastData, firstData)}`;
      cell.value =
        spec.rows.length === 0 ? 0 : { formula: `${total === "sum" ? "SUM" : "AVERAGE"}(${range})`, result };
      cell.numFmt =
        total === "average"
          ? NUMBER_FORMAT.decimal
          : NUMBER_FORMAT[column.kind === "decimal" ? "decimal" : "integer"];
      cell.alignment = { horizontal: "right" };
    });
  }

  sheet.views = [{ state: "frozen", ySplit: headerRow, xSplit: spec.frozenColumns ?? 0 }];
  if (spec.rows.length > 0) {
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastData, column: width } };
  }
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
}

/** One workbook of one or more sheets. */
export async function writeWorkbook(sheets: SheetSpec[], meta: { creator?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator ?? "Đồng Thuận";
  workbook.created = clock.now();
  for (const sheet of sheets) addSheet(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
