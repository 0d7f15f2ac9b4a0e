import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  WidthType,
} from "docx";
import {
  BODY_SPACING,
  bordlessTable,
  cell,
  centered,
  FIRST_LINE,
  run,
  SIZES,
  TEXT_WIDTH,
} from "./nd30-layout.ts";
import type { DocBlock, DocRun, Nd30Document } from "./types.ts";

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

export function bodyBlocks(blocks: DocBlock[]): (Paragraph | Table)[] {
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

// Signature and "Nơi nhận:"

const SIGN_LEFT = Math.round(TEXT_WIDTH * 0.45);
const SIGN_RIGHT = TEXT_WIDTH - SIGN_LEFT;

export function closingTable(doc: Nd30Document): Table {
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
