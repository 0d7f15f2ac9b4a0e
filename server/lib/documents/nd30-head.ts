import { Paragraph, type Table, TableRow, TextRun, UnderlineType } from "docx";
import { bordlessTable, cell, centered, FONT, pt, run, SIZES, shortRule, TEXT_WIDTH } from "./nd30-layout.ts";
import type { Nd30Document } from "./types.ts";

// The head of a document by Nghị định 30/2020: the two-column header (issuer | quốc hiệu and
// tiêu ngữ) with the number and the place-and-date line, then the kind and abstract or, for a
// công văn, whom it is sent to.

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

// The header: two columns without borders

const HEADER_LEFT = Math.round(TEXT_WIDTH * 0.4);
const HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT;

export function letterAbstract(abstract: string): string {
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

export function headerTable(doc: Nd30Document): Table {
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

export function titleBlock(doc: Nd30Document): Paragraph[] {
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
