import type {
  ConsolidationDraft,
  DraftIndicator,
  DraftSection,
} from "../../../../common/schemas/consolidation.ts";
import { clock } from "../../../lib/clock.ts";
import { AppError } from "../../../lib/errors.ts";
import type { ConsolidationInput, ConsolidationReport } from "../consolidation-input.ts";
import { mergeNarratives } from "./merge.ts";
import { synthesise } from "./synthesis.ts";

/**
 * The consolidated provincial report drafted from the accepted unit reports: pure, no database.
 * The draft is a list of sections the coordinator edits one by one; `draftToDocument` lays it
 * out. The order follows the usual outline of a provincial implementation report:
 *   (intro) → I. results: one section per plan heading, the indicators, the reporting itself →
 *   II. difficulties and the escalations' results → III. next year's directions (left for the
 *   coordinator) → IV. proposals.
 */

/** dd/MM/yyyy of an ISO date (the way dates are shown, ARCHITECTURE.md conventions). */
export function viDate(iso: string | null): string {
  if (!iso) return "…";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** Numbers in the Vietnamese way: 1.234,5 */
export function viNumber(value: number | null): string {
  if (value === null || Number.isNaN(value)) return "-";
  const rounded = Math.round(value * 100) / 100;
  return new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 }).format(rounded);
}

/**
 * Aggregates one indicator over the accepted reports that give it: "sum" adds the units' figures,
 * "average" is their mean (a rate, a satisfaction score), "latest" takes the figure of the most
 * recently sent report (a province-wide figure every unit repeats). Units that give no figure
 * are left out, and counted in `reportingUnits`.
 */
export function aggregate(
  indicator: { code: string; aggregation: "sum" | "average" | "latest" },
  reports: ConsolidationReport[],
): { value: number | null; reportingUnits: number } {
  const given = reports.filter(
    (r) => typeof r.values[indicator.code] === "number" && Number.isFinite(r.values[indicator.code]),
  );
  if (given.length === 0) return { value: null, reportingUnits: 0 };
  const numbers = given.map((r) => r.values[indicator.code] as number);
  if (indicator.aggregation === "sum")
    return { value: numbers.reduce((a, b) => a + b, 0), reportingUnits: given.length };
  if (indicator.aggregation === "average")
    return { value: numbers.reduce((a, b) => a + b, 0) / numbers.length, reportingUnits: given.length };
  const latest = given.reduce((a, b) => (b.submittedAt.getTime() > a.submittedAt.getTime() ? b : a));
  return { value: latest.values[indicator.code] as number, reportingUnits: given.length };
}

const MISSING_STATUS: Record<ConsolidationInput["missing"][number]["status"], string> = {
  none: "chưa báo cáo",
  draft: "đang soạn, chưa gửi",
  sent: "đã gửi, chưa được chấp nhận",
  returned: "được trả lại để bổ sung, chưa gửi lại",
};

const ESCALATION_STATUS = {
  open: "đang xử lý",
  decided: "đã có ý kiến chỉ đạo",
  closed: "đã xử lý xong",
} as const;

/**
 * Plan headings keep the plan's numbering: when every code shares one top part ("II.1", "II.2"),
 * the rest is the number ("1.", "2."); otherwise they are numbered in order, with the plan's code.
 */
function headingNumbers(codes: string[]): string[] {
  const tops = new Set(codes.map((code) => code.split(".")[0]));
  const rests = codes.map((code) => code.split(".").slice(1).filter(Boolean).join("."));
  if (tops.size === 1 && rests.every(Boolean) && new Set(rests).size === rests.length)
    return rests.map((r) => `${r}.`);
  return codes.map((code, index) => `${index + 1}. (${code})`);
}

const section = (
  key: string,
  kind: DraftSection["kind"],
  title: string,
  generated: string,
  headingCode: string | null = null,
): DraftSection => ({
  key,
  kind,
  title,
  headingCode,
  text: generated,
  generated,
  edited: false,
  sourceChanged: false,
});

function unitList(names: string[]): string {
  return names.join(", ");
}

/** "Năm 2024" → "năm 2024", as the period reads inside a sentence. */
export function periodPhrase(label: string): string {
  return label.trim().replace(/^\p{Lu}/u, (c) => c.toLocaleLowerCase("vi"));
}

/**
 * The plan as an abstract names it: "Kế hoạch số 181/KH-UBND"; an unnumbered plan by the first
 * document it carries out ("Kế hoạch thực hiện Chương trình hành động số 51-CTr/TU").
 */
export function planShortName(plan: Pick<ConsolidationInput["plan"], "title" | "number">): string {
  if (plan.number) return `Kế hoạch số ${plan.number}`;
  const cited =
    /thực hiện ((?:Chương trình hành động|Chương trình|Nghị quyết|Kết luận|Chỉ thị|Quyết định|Kế hoạch|Đề án|Luật) số [^\s,;]+)/u.exec(
      plan.title,
    );
  return cited ? `Kế hoạch thực hiện ${cited[1]}` : "Kế hoạch";
}

/** How running text cites the plan: its own title when it names itself, else its number. */
export function planReference(
  plan: Pick<ConsolidationInput["plan"], "title" | "number" | "issuedOn">,
): string {
  const title = plan.title.trim().replace(/[.;]+$/, "");
  if (/^k[eế] ho[aạ]ch\b/iu.test(title)) return title;
  const number = plan.number
    ? `Kế hoạch số ${plan.number}${plan.issuedOn ? ` ngày ${viDate(plan.issuedOn)}` : ""}`
    : "Kế hoạch";
  return title ? `${number} (${title})` : number;
}

function reportingText(input: ConsolidationInput): string {
  const expected = input.reports.length + input.missing.length;
  const lines = [
    `Đến ngày tổng hợp, ${input.reports.length}/${expected} đơn vị có báo cáo ${periodPhrase(input.period.label)} được chấp nhận.`,
  ];
  const late = input.reports.filter((r) => r.late).map((r) => r.unitName);
  if (late.length > 0)
    lines.push(
      `Có ${late.length} đơn vị gửi báo cáo sau thời hạn ${viDate(input.period.deadline)}: ${unitList(late)}.`,
    );
  else lines.push(`Các báo cáo được chấp nhận đều gửi đúng thời hạn ${viDate(input.period.deadline)}.`);
  if (input.missing.length > 0) {
    lines.push(`Còn ${input.missing.length} đơn vị chưa có báo cáo được chấp nhận:`);
    for (const unit of input.missing) lines.push(`- ${unit.unitName} (${MISSING_STATUS[unit.status]});`);
  }
  return lines.join("\n").replace(/;$/, ".");
}

function escalationsText(input: ConsolidationInput): string {
  if (input.escalations.length === 0)
    return "Trong kỳ, các đơn vị không có khó khăn, vướng mắc vượt thẩm quyền đề nghị tỉnh xử lý.";
  const lines = input.escalations.map((e) => {
    const due = e.dueOn ? `, hạn ${viDate(e.dueOn)}` : "";
    const outcome = e.decision?.trim() ? `: ${e.decision.trim().replace(/[.;]+$/, "")}` : "";
    return `- ${e.title.trim().replace(/[.;]+$/, "")} (${e.raisedBy} đề xuất; ${e.owner} chủ trì xử lý${due}) — ${ESCALATION_STATUS[e.status]}${outcome};`;
  });
  return lines.join("\n").replace(/;$/, ".");
}

function gathered(reports: ConsolidationReport[], field: "difficulties" | "proposals", none: string): string {
  const merged = mergeNarratives(
    reports.filter((r) => r[field].trim()).map((r) => ({ unitName: r.unitName, text: r[field] })),
  );
  if (merged.length === 0) return none;
  return merged.map((p) => `- ${p.text}`).join("\n");
}

function indicatorsText(indicators: DraftIndicator[], accepted: number): string {
  const given = indicators.filter((i) => i.value !== null);
  if (indicators.length === 0) return "Kế hoạch không quy định chỉ tiêu định lượng cho kỳ báo cáo này.";
  const lines = [
    `Kết quả các chỉ tiêu chủ yếu, tổng hợp từ ${accepted} báo cáo được chấp nhận (chi tiết từng đơn vị tại Phụ lục kèm theo):`,
  ];
  if (given.length === 0) return "Các đơn vị chưa báo cáo số liệu chỉ tiêu.";
  return lines.join("\n");
}

/**
 * Who issues the report on a day: the issuer of the period, or the body it became (renamed,
 * merged) by that day — a 2024 report signed in August 2025 is issued by An Giang's committee.
 */
export function issuerOn(issuer: ConsolidationDraft["issuer"], day: string): { name: string; place: string } {
  let current = { name: issuer.name, place: issuer.place };
  for (const change of [...(issuer.since ?? [])].sort((a, b) => a.from.localeCompare(b.from))) {
    if (change.from <= day) current = { name: change.name, place: change.place };
  }
  return current;
}

/**
 * The draft of the provincial report; refused with a clear message when no report is accepted.
 * `today` is the day it is drafted: the introduction names the issuer in force on it.
 */
export function buildConsolidationDraft(
  input: ConsolidationInput,
  today: string = clock.today(),
): ConsolidationDraft {
  if (input.reports.length === 0)
    throw new AppError(422, "consolidation_no_reports", { period: periodPhrase(input.period.label) });
  const sections: DraftSection[] = [
    section(
      "intro",
      "intro",
      "",
      `Thực hiện ${planReference(input.plan)}; trên cơ sở báo cáo của các sở, ban, ngành và địa phương, ${titleCase(issuerOn(input.issuer, today).name)} báo cáo kết quả thực hiện ${periodPhrase(input.period.label)} như sau:`,
    ),
  ];

  const codes = input.plan.headings.map((h) => h.code);
  const numbers = headingNumbers(codes);
  input.plan.headings.forEach((heading, index) => {
    const narratives = input.reports.flatMap((report) =>
      report.sections
        .filter((s) => s.headingCode === heading.code && s.text.trim())
        .map((s) => ({ ...report, text: s.text })),
    );
    const { paragraphs } = synthesise(narratives, input.reports, input.indicators);
    const text = paragraphs.length
      ? paragraphs.map((p) => p.text).join("\n")
      : "Chưa có đơn vị báo cáo kết quả thực hiện nội dung này.";
    sections.push(
      section(
        `heading:${heading.code}`,
        "heading",
        `${numbers[index]} ${heading.title.trim()}`,
        text,
        heading.code,
      ),
    );
  });

  const indicators: DraftIndicator[] = input.indicators.map((indicator) => ({
    code: indicator.code,
    name: indicator.name,
    unit: indicator.unit,
    aggregation: indicator.aggregation,
    ...aggregate(indicator, input.reports),
  }));
  const next = input.plan.headings.length + 1;
  sections.push(
    section(
      "indicators",
      "indicators",
      `${next}. Kết quả các chỉ tiêu`,
      indicatorsText(indicators, input.reports.length),
    ),
    section("reporting", "reporting", `${next + 1}. Tình hình báo cáo của các đơn vị`, reportingText(input)),
    section(
      "difficulties",
      "difficulties",
      "1. Khó khăn, vướng mắc",
      gathered(input.reports, "difficulties", "Các đơn vị không nêu khó khăn, vướng mắc."),
    ),
    section(
      "escalations",
      "escalations",
      "2. Kết quả xử lý các khó khăn, vướng mắc vượt thẩm quyền",
      escalationsText(input),
    ),
    section("directions", "directions", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI", ""),
    section(
      "proposals",
      "proposals",
      "IV. ĐỀ XUẤT, KIẾN NGHỊ",
      gathered(input.reports, "proposals", "Không có đề xuất, kiến nghị."),
    ),
  );

  return {
    plan: {
      id: input.plan.id,
      title: input.plan.title,
      number: input.plan.number,
      issuedOn: input.plan.issuedOn,
    },
    period: input.period,
    issuer: input.issuer,
    counts: {
      expected: input.reports.length + input.missing.length,
      accepted: input.reports.length,
      late: input.reports.filter((r) => r.late).length,
      missing: input.missing.length,
    },
    sections,
    indicators,
    annex: input.reports.map((r) => ({
      unitName: r.unitName,
      unitType: r.unitType,
      revision: r.revision,
      submittedAt: r.submittedAt.toISOString(),
      late: r.late,
      values: Object.fromEntries(input.indicators.map((i) => [i.code, r.values[i.code] ?? null])),
    })),
    missing: input.missing.map((m) => ({ unitName: m.unitName, status: m.status })),
  };
}

/** "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" → "Ủy ban nhân dân tỉnh Kiên Giang", for running text. */
export function titleCase(name: string): string {
  const lower = name
    .trim()
    .replace(/^ubnd\b/iu, "Ủy ban nhân dân")
    .toLocaleLowerCase("vi");
  const match = /^(ủy ban nhân dân|sở|ban|ủy ban)\s+(tỉnh|thành phố|huyện|xã|phường|thị xã)?\s*(.*)$/u.exec(
    lower,
  );
  if (!match) return name;
  const [, body, level, place] = match;
  // A place is a proper name (every word capitalised); a department's field is not ("Sở Nội vụ").
  const capitalised = level
    ? place
        .split(" ")
        .map((w) => (w ? w[0].toLocaleUpperCase("vi") + w.slice(1) : w))
        .join(" ")
    : place.replace(/^\p{L}/u, (c) => c.toLocaleUpperCase("vi"));
  const head = body[0].toLocaleUpperCase("vi") + body.slice(1);
  return [head, level, capitalised].filter(Boolean).join(" ");
}

/**
 * A refresh: the new draft's sections, keeping the text of every section the coordinator edited
 * (and flagging it when what the reports say has changed since), and nothing of the old otherwise.
 */
export function refreshDraft(previous: ConsolidationDraft, next: ConsolidationDraft): ConsolidationDraft {
  const old = new Map(previous.sections.map((s) => [s.key, s]));
  return {
    ...next,
    sections: next.sections.map((s) => {
      const before = old.get(s.key);
      if (!before?.edited) return s;
      return {
        ...s,
        text: before.text,
        edited: true,
        sourceChanged: before.sourceChanged || before.generated !== s.generated,
      };
    }),
  };
}
