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

/**
 * The annex workbook of the provincial report: one row per unit with an accepted report, one
 * column per indicator (Vietnamese titles with their unit of measure), a totals row that follows
 * each indicator's rule (sum, average; a "latest" figure is shown as consolidated), the header
 * frozen. A second sheet lists the units without an accepted report.
 */

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
  const sheets = [reports];
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
