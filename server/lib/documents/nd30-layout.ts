import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  type TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";

/**
 * Writes an Nd30Document as .docx in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I:
 * A4 portrait, Times New Roman, the two-column header (issuer | quốc hiệu and tiêu ngữ), the
 * number and the place-and-date line, the kind and abstract, the body, the signature block
 * beside "Nơi nhận:", and page numbers centred in the top margin from page 2 on.
 * Sizes and margins are the decree's (Phụ lục I, mục II–IV); each constant names its rule.
 */

/** Twips (1/20 pt) per millimetre. */
const MM = 1440 / 25.4;
/** A4 in twips: 210 × 297 mm. */
export const A4 = { width: 11906, height: 16838 } as const;
/** Phụ lục I, I.3: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
export const MARGINS = {
  top: Math.round(MARGINS_MM.top * MM),
  bottom: Math.round(MARGINS_MM.bottom * MM),
  left: Math.round(MARGINS_MM.left * MM),
  right: Math.round(MARGINS_MM.right * MM),
  header: Math.round(10 * MM),
  footer: Math.round(10 * MM),
};
export const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
export const FONT = "Times New Roman";

/** Sizes in points (docx wants half-points). Phụ lục I, mục II. */
export const SIZES = {
  /** Quốc hiệu and the issuer's names: 12–13 pt. */
  header: 13,
  /** Tiêu ngữ ("Độc lập - Tự do - Hạnh phúc"): 13–14 pt. */
  motto: 14,
  /** Số, ký hiệu: 13 pt; place and date: 13–14 pt italic. */
  number: 13,
  date: 14,
  /** Kind ("BÁO CÁO") and abstract: 13–14 pt bold. */
  kind: 14,
  /** The abstract of a công văn ("V/v …") under the number: 12–13 pt. */
  letterAbstract: 12,
  /** Body: 13–14 pt. */
  body: 14,
  /** Tables inside the body: smaller, so that figures fit. */
  table: 12,
  /** Signer's authority, position and name: 13–14 pt bold. */
  signature: 14,
  /** "Nơi nhận:" 12 pt bold italic; the recipients 11 pt. */
  copiesTitle: 12,
  copies: 11,
  /** Page number: 13–14 pt. */
  pageNumber: 13,
} as const;

export const pt = (points: number) => points * 2;
/** At least 6 pt between body paragraphs (Phụ lục I, mục II.8.b); lines 1.15 apart. */
export const BODY_SPACING = { before: 0, after: 120, line: 276, lineRule: LineRuleType.AUTO };
/** First-line indent of body paragraphs: 1–1.27 cm. */
export const FIRST_LINE = Math.round(10 * MM);

export const run = (text: string, size: number, extra: Partial<{ bold: boolean; italics: boolean }> = {}) =>
  new TextRun({ text, size: pt(size), font: FONT, ...extra });

export const centered = (children: TextRun[], spacing = { before: 0, after: 0 }) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing, children });

/**
 * A short centred rule under a line of text (the issuer's name, the abstract): an empty
 * paragraph whose bottom border is narrowed by indents to about a third of the column.
 */
export function shortRule(columnWidth: number, fraction = 1 / 3): Paragraph {
  const indent = Math.round((columnWidth * (1 - fraction)) / 2);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: indent, right: indent },
    spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    children: [],
  });
}

export const cell = (width: number, children: Paragraph[]) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: TableBorders.NONE,
    verticalAlign: VerticalAlign.TOP,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    children,
  });

export const bordlessTable = (columns: number[], rows: TableRow[]) =>
  new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows,
  });
