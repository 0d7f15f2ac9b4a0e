import type { ConsolidationDraft, DraftSection } from "../../../../common/schemas/consolidation.ts";
import { clock } from "../../../lib/clock.ts";
import type { DocBlock, Nd30Document } from "../../../lib/documents/types.ts";
import { issuerOn, periodPhrase, planShortName, titleCase, viNumber } from "./draft.ts";

/**
 * Lays the draft out as the provincial report (Nghị định 30/2020): issued by UBND tỉnh,
 * "Số: …/BC-UBND", "BÁO CÁO" with the abstract "Kết quả thực hiện Kế hoạch số … năm 2024",
 * the sections numbered as in the plan, signed TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.
 */

export type ReportDocumentOptions = {
  /** "12/BC-UBND"; without it, "…/BC-UBND" for the clerk to number */
  number?: string | null;
  date?: Date | null;
  signer?: Partial<Nd30Document["signature"]>;
  copiesTo?: string[];
};

export const DEFAULT_SIGNER: Nd30Document["signature"] = {
  authority: "TM. ỦY BAN NHÂN DÂN",
  capacity: "KT. CHỦ TỊCH",
  title: "PHÓ CHỦ TỊCH",
};

export function defaultCopiesTo(): string[] {
  return [
    "- Thường trực Tỉnh ủy;",
    "- Thường trực HĐND tỉnh;",
    "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
    "- Ủy ban MTTQ Việt Nam tỉnh;",
    "- Các sở, ban, ngành tỉnh;",
    "- UBND các địa phương;",
    "- Lưu: VT, SNV.",
  ];
}

/** A section's text as blocks: one paragraph a line, consecutive "- " lines as a list. */
export function textBlocks(text: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const bullet = /^[-–•]\s+(.*)$/u.exec(line);
    const last = blocks[blocks.length - 1];
    if (bullet) {
      if (last?.type === "bullets") last.items.push(bullet[1]);
      else blocks.push({ type: "bullets", items: [bullet[1]] });
    } else blocks.push({ type: "paragraph", text: line });
  }
  return blocks;
}

/** The abstract: "Kết quả thực hiện Kế hoạch số 181/KH-UBND năm 2024". */
export function reportAbstract(draft: ConsolidationDraft): string {
  return `Kết quả thực hiện ${planShortName(draft.plan)} ${periodPhrase(draft.period.label)}`
    .replace(/\s+/g, " ")
    .trim();
}

/** A line of dots where the coordinator has yet to write (fits one line of 14 pt text). */
const EMPTY_FOR_SIGNER = "…".repeat(28);

function sectionBlocks(s: DraftSection, level: 1 | 2): DocBlock[] {
  const body = textBlocks(s.text);
  return [
    { type: "heading", level, text: s.title },
    ...(body.length ? body : [{ type: "paragraph" as const, text: EMPTY_FOR_SIGNER }]),
  ];
}

function indicatorTable(draft: ConsolidationDraft): DocBlock[] {
  const rows = draft.indicators
    .filter((i) => i.value !== null)
    .map((i, index) => [String(index + 1), i.name, i.unit, viNumber(i.value), String(i.reportingUnits)]);
  if (rows.length === 0) return [];
  return [
    {
      type: "table",
      header: ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Số đơn vị báo cáo"],
      rows,
      widths: [8, 47, 15, 15, 15],
    },
  ];
}

/** The calendar day in Vietnam (UTC+7) of an instant. */
const vietnamDay = (date: Date) => new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export function draftToDocument(
  draft: ConsolidationDraft,
  options: ReportDocumentOptions = {},
): Nd30Document {
  const by = (kind: DraftSection["kind"]) => draft.sections.filter((s) => s.kind === kind);
  const body: DocBlock[] = [];
  for (const intro of by("intro")) body.push(...textBlocks(intro.text));
  body.push({ type: "heading", level: 1, text: "I. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN" });
  for (const s of by("heading")) body.push(...sectionBlocks(s, 2));
  for (const s of by("indicators")) body.push(...sectionBlocks(s, 2), ...indicatorTable(draft));
  for (const s of by("reporting")) body.push(...sectionBlocks(s, 2));
  body.push({ type: "heading", level: 1, text: "II. KHÓ KHĂN, VƯỚNG MẮC VÀ KẾT QUẢ XỬ LÝ" });
  for (const s of by("difficulties")) body.push(...sectionBlocks(s, 2));
  for (const s of by("escalations")) body.push(...sectionBlocks(s, 2));
  for (const s of by("directions")) body.push(...sectionBlocks(s, 1));
  for (const s of by("proposals")) body.push(...sectionBlocks(s, 1));
  // the issuer in force on the document's date (today while it is undated), not the period's
  const day = options.date ? vietnamDay(options.date) : clock.today();
  const issuer = issuerOn(draft.issuer, day);
  const issuerText = titleCase(issuer.name);
  // The decree closes the body with "./.".
  body.push({
    type: "paragraph",
    text: `Trên đây là báo cáo kết quả thực hiện ${planShortName(draft.plan)} ${periodPhrase(draft.period.label)} của ${issuerText}./.`,
  });

  const suffix = "BC-UBND";
  return {
    issuer: { name: issuer.name },
    number: options.number?.trim() || `…/${suffix}`,
    place: issuer.place,
    date: options.date ?? null,
    kind: "BÁO CÁO",
    abstract: reportAbstract(draft),
    body,
    signature: { ...DEFAULT_SIGNER, ...options.signer },
    copiesTo: options.copiesTo ?? defaultCopiesTo(),
  };
}
