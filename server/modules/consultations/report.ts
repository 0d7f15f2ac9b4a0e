import type { AuthorKind, ResponseResult } from "../../../common/schemas/consultations.ts";
import type { DocBlock, Nd30Document } from "../../lib/documents/types.ts";
import { foldVietnamese } from "../../lib/vi-text.ts";
import { maskPersonalData } from "../intake/public.ts";

/**
 * The explanatory report (báo cáo tiếp thu, giải trình ý kiến góp ý) of a consultation, as an
 * Nghị định 30/2020 document: what was received, then section by section each answered comment
 * with its result and explanation, grouped accepted / partly accepted / not accepted, and what
 * was not considered, with its reasons. Pure: it only shapes what it is given. Citizens are
 * not named (a report may be published): "Công dân", or the body they wrote for; their words
 * go through the same masking as the portal.
 */

export interface ReportComment {
  sectionId: string;
  authorKind: AuthorKind;
  authorName: string;
  organisation: string | null;
  text: string;
  status: "pending" | "published" | "rejected";
  rejectReason: string | null;
  result: ResponseResult | null;
  explanation: string | null;
}

export interface ReportInput {
  title: string;
  draftingUnit: { name: string; shortName: string | null; type: string; parentName: string | null };
  /** "An Giang": the place on the date line. */
  place: string;
  opensOn: string;
  closesOn: string;
  sections: { id: string; position: number; heading: string }[];
  comments: ReportComment[];
}

const GROUPS: { result: ResponseResult; title: string }[] = [
  { result: "accepted", title: "Ý kiến được tiếp thu" },
  { result: "partly", title: "Ý kiến được tiếp thu một phần" },
  { result: "not_accepted", title: "Ý kiến không tiếp thu" },
];

const REASONS: Record<string, string> = {
  offensive: "nội dung xúc phạm, không phù hợp",
  off_topic: "không đúng nội dung dự thảo",
  personal_data: "chứa thông tin cá nhân",
  duplicate: "trùng lặp",
  other: "lý do khác",
};

const ROMAN = ["I", "II", "III", "IV", "V"];
const LETTERS = "abcdefghiklmn";

/** dd/MM/yyyy, as Vietnamese documents write dates. */
export function vnDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** The symbol after "BC-": the unit's short name, or the initials of its name ("Sở Nội vụ" → "SNV"). */
export function unitSymbol(name: string, shortName: string | null): string {
  if (shortName && /^[\p{Lu}\d-]{2,12}$/u.test(shortName)) return shortName;
  return foldVietnamese(name)
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase())
    .join("")
    .slice(0, 10);
}

function author(comment: ReportComment): string {
  if (comment.authorKind === "citizen") return comment.organisation ? comment.organisation : "Công dân";
  return comment.authorName;
}

function words(comment: ReportComment): string {
  return comment.authorKind === "citizen"
    ? maskPersonalData(comment.text, { knownNames: [comment.authorName] })
    : comment.text;
}

function signatureOf(type: string): Nd30Document["signature"] {
  if (type === "province_committee" || type === "commune" || type === "district") {
    return { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" };
  }
  if (type === "front") return { authority: "TM. BAN THƯỜNG TRỰC", title: "CHỦ TỊCH" };
  if (type === "department") return { title: "GIÁM ĐỐC" };
  return { title: "THỦ TRƯỞNG CƠ QUAN" };
}

const count = (list: ReportComment[], result: ResponseResult) =>
  list.filter((c) => c.result === result).length;

export function explanatoryReport(input: ReportInput): Nd30Document {
  const published = input.comments.filter((c) => c.status === "published");
  const rejected = input.comments.filter((c) => c.status === "rejected");
  const pending = input.comments.filter((c) => c.status === "pending");
  const byKind = (kind: AuthorKind) => input.comments.filter((c) => c.authorKind === kind).length;
  const unanswered = published.filter((c) => c.result === null).length;
  const body: DocBlock[] = [
    {
      type: "paragraph",
      text: `${input.draftingUnit.name} đã tổ chức lấy ý kiến Nhân dân, các cơ quan, đơn vị và Ủy ban Mặt trận Tổ quốc Việt Nam đối với ${input.title} từ ngày ${vnDate(input.opensOn)} đến ngày ${vnDate(input.closesOn)}, đăng tải toàn văn dự thảo theo từng mục trên Cổng thông tin điện tử để lấy ý kiến. Trên cơ sở các ý kiến góp ý, ${input.draftingUnit.name} báo cáo việc tiếp thu, giải trình như sau:`,
    },
    { type: "heading", level: 1, text: "I. KHÁI QUÁT VỀ CÁC Ý KIẾN GÓP Ý" },
    {
      type: "paragraph",
      text: `Tổng số ý kiến nhận được: ${input.comments.length} (của công dân: ${byKind("citizen")}; của cơ quan, đơn vị: ${byKind("unit")}; của Ủy ban Mặt trận Tổ quốc Việt Nam: ${byKind("front")}).`,
    },
    {
      type: "bullets",
      items: [
        `Ý kiến được xem xét: ${published.length}, trong đó tiếp thu ${count(published, "accepted")}, tiếp thu một phần ${count(published, "partly")}, không tiếp thu ${count(published, "not_accepted")}${unanswered > 0 ? `, đang nghiên cứu ${unanswered}` : ""};`,
        `Ý kiến không được xem xét: ${rejected.length};`,
        ...(pending.length > 0 ? [`Ý kiến đang chờ kiểm duyệt: ${pending.length}.`] : []),
      ],
    },
    { type: "heading", level: 1, text: "II. TIẾP THU, GIẢI TRÌNH Ý KIẾN THEO TỪNG NỘI DUNG CỦA DỰ THẢO" },
  ];
  const sections = [...input.sections].sort((a, b) => a.position - b.position);
  sections.forEach((section, index) => {
    const here = published.filter((c) => c.sectionId === section.id);
    body.push({ type: "heading", level: 2, text: `${index + 1}. ${section.heading}` });
    if (here.length === 0) {
      body.push({ type: "paragraph", italic: true, text: "Không có ý kiến góp ý đối với nội dung này." });
      return;
    }
    let letter = 0;
    for (const group of GROUPS) {
      const inGroup = here.filter((c) => c.result === group.result);
      if (inGroup.length === 0) continue;
      body.push({
        type: "heading",
        level: 3,
        text: `${LETTERS[letter++]}) ${group.title} (${inGroup.length})`,
      });
      body.push({
        type: "table",
        header: ["STT", "Chủ thể góp ý", "Nội dung góp ý", "Tiếp thu, giải trình"],
        widths: [7, 20, 36, 37],
        rows: inGroup.map((c, i) => [String(i + 1), author(c), words(c), c.explanation ?? ""]),
      });
    }
    const open = here.filter((c) => c.result === null);
    if (open.length > 0) {
      body.push({
        type: "heading",
        level: 3,
        text: `${LETTERS[letter++]}) Ý kiến đang nghiên cứu, chưa trả lời (${open.length})`,
      });
      body.push({
        type: "table",
        header: ["STT", "Chủ thể góp ý", "Nội dung góp ý"],
        widths: [7, 25, 68],
        rows: open.map((c, i) => [String(i + 1), author(c), words(c)]),
      });
    }
  });
  body.push({ type: "heading", level: 1, text: `${ROMAN[2]}. Ý KIẾN KHÔNG ĐƯỢC XEM XÉT` });
  if (rejected.length === 0) {
    body.push({ type: "paragraph", text: "Không có." });
  } else {
    const reasons = new Map<string, number>();
    for (const c of rejected)
      reasons.set(c.rejectReason ?? "other", (reasons.get(c.rejectReason ?? "other") ?? 0) + 1);
    body.push({
      type: "bullets",
      items: [...reasons].map(([reason, n]) => `${n} ý kiến do ${REASONS[reason] ?? REASONS.other};`),
    });
  }
  body.push({
    type: "paragraph",
    text: `Trên đây là báo cáo tiếp thu, giải trình ý kiến góp ý đối với ${input.title} của ${input.draftingUnit.name}.`,
  });
  return {
    issuer: {
      ...(input.draftingUnit.parentName ? { parent: input.draftingUnit.parentName } : {}),
      name: input.draftingUnit.name,
    },
    number: `…/BC-${unitSymbol(input.draftingUnit.name, input.draftingUnit.shortName)}`,
    place: input.place,
    date: null,
    kind: "BÁO CÁO",
    abstract: `Tiếp thu, giải trình ý kiến góp ý ${lowerFirst(input.title)}`,
    body,
    signature: signatureOf(input.draftingUnit.type),
    copiesTo: ["- Ủy ban nhân dân tỉnh;", "- Ủy ban MTTQ Việt Nam tỉnh;", "- Lưu: VT."],
  };
}

/** "Dự thảo Kế hoạch …" reads "… góp ý dự thảo Kế hoạch …" in the abstract. */
function lowerFirst(title: string): string {
  return /^Dự thảo\b/u.test(title) ? `d${title.slice(1)}` : `dự thảo ${title}`;
}
