import type {
  AnnexRow,
  ConsolidationDraft,
  DraftIndicator,
} from "../../../../common/schemas/consolidation.ts";
import { type SheetColumn, writeWorkbook } from "../../../lib/documents/xlsx.ts";
import { label } from "../../../lib/labels.ts";
import type { ConsolidationInput } from "../consolidation-input.ts";
import { reportAbstract } from "./document.ts";
import { buildConsolidationDraft, viDate } from "./draft.ts";
import { GROUP_TITLES, UNIT_GROUPS, type UnitGroup, unitGroup } from "./groups.ts";

/**
 * The annex workbook of the provincial report: one row per unit with an accepted report, one
 * column per indicator (Vietnamese titles with their unit of measure), a totals row that follows
 * each indicator's rule (sum, average; a "latest" figure is shown as consolidated), the header
 * frozen. A second sheet gives each indicator per kind of unit (sở, ban, ngành; địa phương; …),
 * the figures the report's text states for each kind; a third lists the units without an
 * accepted report.
 */

/** An indicator over some units' rows, by its rule (as `aggregate` does over the reports). */
export function groupValue(indicator: DraftIndicator, rows: AnnexRow[]): number | null {
  const given = rows.filter((r) => typeof r.values[indicator.code] === "number");
  if (given.length === 0) return null;
  const numbers = given.map((r) => r.values[indicator.code] as number);
  if (indicator.aggregation === "sum") return numbers.reduce((a, b) => a + b, 0);
  if (indicator.aggregation === "average") return numbers.reduce((a, b) => a + b, 0) / numbers.length;
  const latest = given.reduce((a, b) => (b.submittedAt > a.submittedAt ? b : a));
  return latest.values[indicator.code] as number;
}

/** The rows of the annex by kind of unit, in the report's order of kinds. */
export function rowsByGroup(rows: AnnexRow[]): [UnitGroup, AnnexRow[]][] {
  return UNIT_GROUPS.map(
    (g) => [g, rows.filter((r) => unitGroup(r.unitType) === g)] as [UnitGroup, AnnexRow[]],
  ).filter(([, list]) => list.length > 0);
}

function vnDateTime(iso: string): string {
  const date = new Date(iso);
  const local = new Date(date.getTime() + 7 * 3600_000).toISOString();
  return `${viDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

function indicatorColumn(indicator: DraftIndicator): SheetColumn {
  const integer =
    indicator.aggregation === "sum" && indicator.value !== null && Number.isInteger(indicator.value);
  return {
    title: `${indicator.name} (${indicator.unit})`,
    kind: integer ? "integer" : "decimal",
    width: 16,
    total:
      indicator.aggregation === "latest"
        ? indicator.value === null
          ? null
          : { text: String(indicator.value) }
        : indicator.aggregation,
  };
}

export type AnnexSource = ConsolidationDraft | ConsolidationInput;

const isDraft = (source: AnnexSource): source is ConsolidationDraft => "annex" in source;

export async function annexWorkbook(source: AnnexSource): Promise<Buffer> {
  const draft = isDraft(source) ? source : buildConsolidationDraft(source);
  const missing = draft.missing;
  const rows: AnnexRow[] = draft.annex;
  const columns: SheetColumn[] = [
    { title: "STT", kind: "integer", width: 6, total: null },
    { title: "Đơn vị", width: 40, total: { text: "Tổng cộng" } },
    { title: "Loại đơn vị", width: 18 },
    { title: "Ngày gửi", width: 17 },
    { title: "Thời hạn", width: 11 },
    ...draft.indicators.map(indicatorColumn),
  ];
  const reports = {
    name: "Số liệu các đơn vị",
    title: `PHỤ LỤC: SỐ LIỆU CHỈ TIÊU CỦA CÁC ĐƠN VỊ — ${reportAbstract(draft).toLocaleUpperCase("vi")}`,
    notes: [
      `${draft.issuer.name}; kỳ báo cáo từ ${viDate(draft.period.from)} đến ${viDate(draft.period.to)}, hạn gửi ${viDate(draft.period.deadline)}; ${draft.counts.accepted}/${draft.counts.expected} đơn vị có báo cáo được chấp nhận.`,
    ],
    columns,
    frozenColumns: 2,
    rows: rows.map((row, index) => [
      index + 1,
      row.unitName,
      label("vi", `unitType.${row.unitType}`),
      vnDateTime(row.submittedAt),
      row.late ? "Sau hạn" : "Đúng hạn",
      ...draft.indicators.map((i) => row.values[i.code] ?? null),
    ]),
  };
  const groups = {
    name: "Tổng hợp theo nhóm",
    title: "SỐ LIỆU CHỈ TIÊU THEO NHÓM ĐƠN VỊ",
    notes: [
      "Tổng (hoặc bình quân, theo cách tính của từng chỉ tiêu) của các đơn vị cùng nhóm ở trang “Số liệu các đơn vị”; các con số nêu trong báo cáo theo từng nhóm lấy từ đây.",
    ],
    columns: [
      { title: "Nhóm đơn vị", width: 40, total: null },
      { title: "Số đơn vị", kind: "integer" as const, width: 10, total: null },
      ...draft.indicators.map((i) => ({ ...indicatorColumn(i), total: null })),
    ],
    frozenColumns: 1,
    rows: [
      ...rowsByGroup(rows).map(([group, list]) => [
        GROUP_TITLES[group],
        list.length,
        ...draft.indicators.map((i) => groupValue(i, list)),
      ]),
      ["Toàn tỉnh", rows.length, ...draft.indicators.map((i) => groupValue(i, rows))],
    ],
  };
  const sheets = [reports, groups];
  if (missing.length > 0) {
    const status = {
      none: "Chưa báo cáo",
      draft: "Đang soạn",
      sent: "Đã gửi, chưa chấp nhận",
      returned: "Trả lại bổ sung",
    };
    sheets.push({
      name: "Đơn vị chưa báo cáo",
      title: "CÁC ĐƠN VỊ CHƯA CÓ BÁO CÁO ĐƯỢC CHẤP NHẬN",
      notes: [],
      columns: [
        { title: "STT", kind: "integer", width: 6, total: null },
        { title: "Đơn vị", width: 45, total: null },
        { title: "Tình trạng", width: 25 },
      ],
      frozenColumns: 0,
      rows: missing.map((m, index) => [index + 1, m.unitName, status[m.status]]),
    });
  }
  return writeWorkbook(sheets, { creator: draft.issuer.name });
}
