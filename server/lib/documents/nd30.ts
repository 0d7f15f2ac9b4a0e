import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlign,
  WidthType,
} from "docx";
import type { DocBlock, DocRun, Nd30Document } from "./types.ts";

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
const MARGINS = {
  top: Math.round(MARGINS_MM.top * MM),
  bottom: Math.round(MARGINS_MM.bottom * MM),
  left: Math.round(MARGINS_MM.left * MM),
  right: Math.round(MARGINS_MM.right * MM),
  header: Math.round(10 * MM),
  footer: Math.round(10 * MM),
};
const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
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

const pt = (points: number) => points * 2;
/** At least 6 pt between body paragraphs (Phụ lục I, mục II.8.b); lines 1.15 apart. */
const BODY_SPACING = { before: 0, after: 120, line: 276, lineRule: LineRuleType.AUTO };
/** First-line indent of body paragraphs: 1–1.27 cm. */
const FIRST_LINE = Math.round(10 * MM);

const run = (text: string, size: number, extra: Partial<{ bold: boolean; italics: boolean }> = {}) =>
  new TextRun({ text, size: pt(size), font: FONT, ...extra });

const centered = (children: TextRun[], spacing = { before: 0, after: 0 }) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing, children });

/**
 * A short centred rule under a line of text (the issuer's name, the abstract): an empty
 * paragraph whose bottom border is narrowed by indents to about a third of the column.
 */
function shortRule(columnWidth: number, fraction = 1 / 3): Paragraph {
  const indent = Math.round((columnWidth * (1 - fraction)) / 2);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: indent, right: indent },
    spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    children: [],
  });
}

// ---------------------------------------------------------------------------------------------
// The place and date line

const VIETNAM_DATE = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "numeric",
  month: "numeric",
  year: "numeric",
});

/**
 * "Kiên Giang, ngày 05 tháng 01 năm 2025": the day as it is in Vietnam; days below 10 and months
 * below 3 with a leading zero (Phụ lục I, mục II.4.b), so that nothing can be written in front.
 * Without a date the clerk fills it in: "Kiên Giang, ngày … tháng … năm …".
 */
export function placeDateLine(place: string, date: Date | null): string {
  if (!date) return `${place}, ngày … tháng … năm …`;
  const parts = Object.fromEntries(VIETNAM_DATE.formatToParts(date).map((p) => [p.type, p.value]));
  const day = Number(parts.day);
  const month = Number(parts.month);
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month < 3 ? `0${month}` : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${parts.year}`;
}

// ---------------------------------------------------------------------------------------------
// The header: two columns without borders

const HEADER_LEFT = Math.round(TEXT_WIDTH * 0.4);
const HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT;

const cell = (width: number, children: Paragraph[]) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: TableBorders.NONE,
    verticalAlign: VerticalAlign.TOP,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    children,
  });

const bordlessTable = (columns: number[], rows: TableRow[]) =>
  new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows,
  });

function letterAbstract(abstract: string): string {
  return /^v\/v\b/i.test(abstract.trim()) ? abstract.trim() : `V/v ${abstract.trim()}`;
}

/**
 * A body's name as it is set in the header: "ỦY BAN NHÂN DÂN" over "TỈNH KIÊN GIANG" rather than
 * wherever the column happens to wrap; a line break in the name is kept as given.
 */
export function issuerLines(name: string): string[] {
  const upper = name
    .toLocaleUpperCase("vi")
    .trim()
    .replace(/^UBND\b/u, "ỦY BAN NHÂN DÂN");
  if (upper.includes("\n"))
    return upper
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
  const match = /^(ỦY BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN)\s+(.+)$/u.exec(upper);
  return match ? [match[1], match[2]] : [upper];
}

function headerTable(doc: Nd30Document): Table {
  const left: Paragraph[] = [];
  if (doc.issuer.parent) {
    for (const line of issuerLines(doc.issuer.parent)) left.push(centered([run(line, SIZES.header)]));
  }
  for (const line of issuerLines(doc.issuer.name))
    left.push(centered([run(line, SIZES.header, { bold: true })]));
  left.push(shortRule(HEADER_LEFT));
  const right = [
    centered([run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", SIZES.header, { bold: true })]),
    // The tiêu ngữ's rule is as long as the words: a continuous underline of the line itself.
    centered([
      new TextRun({
        text: "Độc lập - Tự do - Hạnh phúc",
        size: pt(SIZES.motto),
        font: FONT,
        bold: true,
        underline: { type: UnderlineType.SINGLE, color: "000000" },
      }),
    ]),
  ];
  const numberCell: Paragraph[] = [
    centered([run(`Số: ${doc.number}`, SIZES.number)], { before: 120, after: 0 }),
  ];
  if (!doc.kind) {
    numberCell.push(
      centered([run(letterAbstract(doc.abstract), SIZES.letterAbstract)], { before: 60, after: 0 }),
    );
  }
  const dateCell = [
    centered([run(placeDateLine(doc.place, doc.date), SIZES.date, { italics: true })], {
      before: 120,
      after: 0,
    }),
  ];
  return bordlessTable(
    [HEADER_LEFT, HEADER_RIGHT],
    [
      new TableRow({ cantSplit: true, children: [cell(HEADER_LEFT, left), cell(HEADER_RIGHT, right)] }),
      new TableRow({
        cantSplit: true,
        children: [cell(HEADER_LEFT, numberCell), cell(HEADER_RIGHT, dateCell)],
      }),
    ],
  );
}

function titleBlock(doc: Nd30Document): Paragraph[] {
  if (doc.kind) {
    return [
      centered([run(doc.kind.toLocaleUpperCase("vi"), SIZES.kind, { bold: true })], {
        before: 360,
        after: 0,
      }),
      centered([run(doc.abstract, SIZES.kind, { bold: true })]),
      shortRule(TEXT_WIDTH, 0.2),
      new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
    ];
  }
  const recipients = (doc.recipients ?? []).map((r) => r.trim().replace(/[;.,]+$/, ""));
  if (recipients.length === 0) return [new Paragraph({ spacing: { before: 240, after: 0 }, children: [] })];
  if (recipients.length === 1) {
    return [
      centered([run("Kính gửi: ", SIZES.body), run(`${recipients[0]}.`, SIZES.body)], {
        before: 360,
        after: 240,
      }),
    ];
  }
  // Several: "Kính gửi:" then one a line, "- …;" and the last with a full stop, left-aligned
  // under the colon (Phụ lục I, mục II.7).
  const indent = Math.round(TEXT_WIDTH * 0.3);
  return [
    new Paragraph({
      indent: { left: Math.round(TEXT_WIDTH * 0.15) },
      spacing: { before: 360, after: 0 },
      children: [run("Kính gửi:", SIZES.body)],
    }),
    ...recipients.map(
      (recipient, index) =>
        new Paragraph({
          indent: { left: indent },
          spacing: { before: 0, after: index === recipients.length - 1 ? 240 : 0 },
          children: [run(`- ${recipient}${index === recipients.length - 1 ? "." : ";"}`, SIZES.body)],
        }),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// The body

const runsOf = (block: { text?: string; runs?: DocRun[]; italic?: boolean }, size: number) =>
  (block.runs ?? [{ text: block.text ?? "" }]).map((r) =>
    run(r.text, size, { bold: r.bold ?? false, italics: r.italic ?? block.italic ?? false }),
  );

const ALIGN = {
  justify: AlignmentType.JUSTIFIED,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

function tableBlock(block: Extract<DocBlock, { type: "table" }>): Table {
  const count = block.header.length;
  const percents = block.widths?.length === count ? block.widths : block.header.map(() => 100 / count);
  const total = percents.reduce((a, b) => a + b, 0);
  const widths = percents.map((p) => Math.round((TEXT_WIDTH * p) / total));
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const borders = { top: border, bottom: border, left: border, right: border };
  const row = (values: string[], options: { header?: boolean; bold?: boolean }) =>
    new TableRow({
      tableHeader: options.header ?? false,
      cantSplit: true,
      height: { value: 0, rule: HeightRule.AUTO },
      children: widths.map(
        (width, index) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            borders,
            verticalAlign: VerticalAlign.CENTER,
            margins: { left: 80, right: 80, top: 40, bottom: 40 },
            children: [
              new Paragraph({
                alignment:
                  options.header || (index > 0 && /^[\d.,\s%-]+$/.test(values[index] ?? ""))
                    ? AlignmentType.CENTER
                    : AlignmentType.LEFT,
                spacing: { before: 0, after: 0 },
                children: [run(values[index] ?? "", SIZES.table, { bold: options.header || options.bold })],
              }),
            ],
          }),
      ),
    });
  const rows = [row(block.header, { header: true }), ...block.rows.map((r) => row(r, {}))];
  if (block.totals) rows.push(row(block.totals, { bold: true }));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows,
  });
}

function bodyBlocks(blocks: DocBlock[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const [index, block] of blocks.entries()) {
    // The last paragraph stays on the page of the signature: a signature never stands alone.
    const last = index === blocks.length - 1;
    switch (block.type) {
      case "heading":
        out.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: FIRST_LINE },
            spacing: { ...BODY_SPACING, before: block.level === 1 ? 120 : 60 },
            keepNext: true,
            children: [run(block.text, SIZES.body, { bold: true, italics: block.level === 3 })],
          }),
        );
        break;
      case "paragraph":
        out.push(
          new Paragraph({
            alignment: ALIGN[block.align ?? "justify"],
            indent: { firstLine: block.align && block.align !== "justify" ? 0 : FIRST_LINE },
            spacing: BODY_SPACING,
            keepNext: last,
            children: runsOf(block, SIZES.body),
          }),
        );
        break;
      case "bullets":
        for (const item of block.items) {
          out.push(
            new Paragraph({
              alignment: AlignmentType.JUSTIFIED,
              indent: { firstLine: FIRST_LINE },
              spacing: BODY_SPACING,
              children: [run(`- ${item}`, SIZES.body)],
            }),
          );
        }
        break;
      case "table":
        out.push(tableBlock(block), new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }));
        break;
      case "pageBreak":
        out.push(new Paragraph({ pageBreakBefore: true, children: [] }));
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Signature and "Nơi nhận:"

const SIGN_LEFT = Math.round(TEXT_WIDTH * 0.45);
const SIGN_RIGHT = TEXT_WIDTH - SIGN_LEFT;

function closingTable(doc: Nd30Document): Table {
  const copies = [
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: [run("Nơi nhận:", SIZES.copiesTitle, { bold: true, italics: true })],
    }),
    ...doc.copiesTo.map(
      (line) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(line, SIZES.copies)] }),
    ),
  ];
  const { authority, capacity, title, name } = doc.signature;
  const signLines = [authority, capacity, title].filter((line): line is string => !!line?.trim());
  const sign = [
    ...signLines.map((line) =>
      centered([run(line.toLocaleUpperCase("vi"), SIZES.signature, { bold: true })]),
    ),
    // Room for the signature and the seal.
    ...Array.from({ length: 4 }, () => centered([run("", SIZES.signature)])),
    centered([run(name?.trim() ?? "", SIZES.signature, { bold: true })]),
  ];
  return bordlessTable(
    [SIGN_LEFT, SIGN_RIGHT],
    [new TableRow({ cantSplit: true, children: [cell(SIGN_LEFT, copies), cell(SIGN_RIGHT, sign)] })],
  );
}

// ---------------------------------------------------------------------------------------------

/** The .docx of an administrative document laid out by Nghị định 30/2020. */
export async function renderNd30Docx(doc: Nd30Document): Promise<Buffer> {
  const pageNumber = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(SIZES.pageNumber), font: FONT })],
      }),
    ],
  });
  const document = new Document({
    creator: doc.issuer.name,
    title: doc.kind ? `${doc.kind} ${doc.abstract}` : letterAbstract(doc.abstract),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: pt(SIZES.body), color: "000000" },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          // Page 1 takes the empty first-page header: the number shows from page 2 on.
          titlePage: true,
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
            margin: MARGINS,
          },
        },
        headers: { default: pageNumber, first: new Header({ children: [new Paragraph({ children: [] })] }) },
        children: [
          headerTable(doc),
          ...titleBlock(doc),
          ...bodyBlocks(doc.body),
          new Paragraph({ spacing: { before: 0, after: 120 }, keepNext: true, children: [] }),
          closingTable(doc),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
