import type { DocBlock, Nd30Document } from "../../../lib/documents/types.ts";
import { AppError } from "../../../lib/errors.ts";
import { periodPhrase, planReference, planShortName, titleCase, viDate } from "./draft.ts";

/**
 * The urging letter ("văn bản đôn đốc") sent after a reporting deadline: a công văn in the
 * Nghị định 30/2020 layout — "V/v đôn đốc báo cáo kết quả thực hiện …", "Kính gửi:" the late
 * units, a body citing the plan and the missed deadline, listing the units and where each report
 * stands, and asking for the report before a new date. Ready for the signer: only the number and
 * the date are left for the clerk when not given.
 */

export type LateUnit = { unitName: string; status?: "none" | "draft" | "sent" | "returned" };

export type UrgingLetterInput = {
  /** who sends it: "SỞ NỘI VỤ" under "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", or UBND tỉnh itself */
  issuer: { parent?: string; name: string; place: string; abbreviation: string };
  plan: { title: string; number: string | null; issuedOn: string | null };
  period: { label: string };
  /** the missed deadline (ISO date) */
  deadline: string;
  /** the new date to report before (ISO date) */
  newDeadline: string;
  lateUnits: LateUnit[];
  /** where reports go: "Sở Nội vụ", "UBND tỉnh (qua Sở Nội vụ)" */
  receiver: string;
  signer: Nd30Document["signature"];
  number?: string | null;
  date?: Date | null;
  copiesTo?: string[];
  /** "Đầu mối liên hệ: ông Nguyễn Văn A, Phòng …, điện thoại …" */
  contact?: string | null;
};

/** Recipients are named one a line up to this many; beyond, the letter lists them in its body. */
const NAMED_RECIPIENTS = 10;

const STATUS = {
  none: "chưa gửi báo cáo",
  draft: "báo cáo đang soạn, chưa gửi",
  sent: "đã gửi nhưng chưa đủ điều kiện chấp nhận",
  returned: "báo cáo được trả lại để bổ sung, chưa gửi lại",
} as const;

const vnDay = (date: Date) => new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export function urgingLetterDocument(input: UrgingLetterInput): Nd30Document {
  const units = input.lateUnits.filter((u) => u.unitName.trim());
  if (units.length === 0) throw new AppError(422, "urging_no_late_units");
  if (input.newDeadline <= input.deadline)
    throw new AppError(422, "urging_new_deadline", { date: viDate(input.deadline) }, "newDeadline");
  if (input.date && input.newDeadline <= vnDay(input.date))
    throw new AppError(422, "urging_new_deadline", { date: viDate(vnDay(input.date)) }, "newDeadline");

  const plan = planShortName(input.plan);
  const period = periodPhrase(input.period.label);
  const sender = titleCase(input.issuer.name);
  const body: DocBlock[] = [
    {
      type: "paragraph",
      text: `Thực hiện ${planReference(input.plan)}, các cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả thực hiện ${period} về ${input.receiver} trước ngày ${viDate(input.deadline)}.`,
    },
    {
      type: "paragraph",
      text: `Đến nay đã quá thời hạn nêu trên, ${units.length} đơn vị sau chưa có báo cáo đạt yêu cầu:`,
    },
    {
      type: "bullets",
      items: units.map(
        (u, index) =>
          `${u.unitName.trim()}${u.status ? ` (${STATUS[u.status]})` : ""}${index === units.length - 1 ? "." : ";"}`,
      ),
    },
    {
      type: "paragraph",
      text: `Để kịp thời tổng hợp, báo cáo theo quy định, ${sender} đề nghị Thủ trưởng các đơn vị nêu trên khẩn trương chỉ đạo hoàn thành và gửi báo cáo kết quả thực hiện ${period} về ${input.receiver} trước ngày ${viDate(input.newDeadline)}; quá thời hạn này, ${sender} sẽ tổng hợp, báo cáo Ủy ban nhân dân tỉnh danh sách các đơn vị chậm báo cáo.`,
    },
  ];
  if (input.contact?.trim()) body.push({ type: "paragraph", text: input.contact.trim() });
  body.push({ type: "paragraph", text: `Đề nghị các đơn vị quan tâm thực hiện./.` });

  const recipients =
    units.length <= NAMED_RECIPIENTS
      ? units.map((u) => u.unitName.trim())
      : ["Các đơn vị có tên tại văn bản này"];
  return {
    issuer: { parent: input.issuer.parent, name: input.issuer.name },
    number: input.number?.trim() || `…/${input.issuer.abbreviation}`,
    place: input.issuer.place,
    date: input.date ?? null,
    abstract: `V/v đôn đốc báo cáo kết quả thực hiện ${plan} ${period}`.replace(/\s+/g, " "),
    recipients,
    body,
    signature: input.signer,
    copiesTo: input.copiesTo ?? ["- Như trên;", "- Lưu: VT."],
  };
}
