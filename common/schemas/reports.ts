import { z } from "zod";
import { UNIT_TYPES } from "../enums.ts";

/**
 * The reporting API: report forms and schedules of a plan, periods with completeness and
 * timeliness, unit reports through their workflow (nháp → chờ lãnh đạo duyệt → đã gửi →
 * tiếp nhận → chấp nhận / trả lại để bổ sung), revisions and their differences, signed scans,
 * reopenings of a locked period, escalations, reminders and urging letters.
 * Rules and examples: docs/reports.md; the paths: server/modules/reports/README.md.
 */

const uuid = z.uuid();
const isoDate = z.iso.date();
const longText = z.string().max(20000);

export const REPORT_STATUSES = [
  "draft",
  "pending_approval",
  "sent",
  "received",
  "accepted",
  "returned",
] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export const REPORT_ACTIONS = [
  "edit",
  "submit",
  "send",
  "withdraw",
  "receive",
  "accept",
  "return",
  "attach",
] as const;
export const ReportAction = z.enum(REPORT_ACTIONS);
export const TRANSITIONS = ["submit", "send", "withdraw", "receive", "accept", "return"] as const;
export const Transition = z.enum(TRANSITIONS);

export const IdParams = z.object({ id: uuid });
export const PlanParams = z.object({ planId: uuid });
export const PeriodUnitParams = z.object({ id: uuid, unitId: uuid });
export const ReportFileParams = z.object({ id: uuid, fileId: uuid });
export const TransitionParams = z.object({ id: uuid, action: Transition });

export const Heading = z.object({ code: z.string(), title: z.string() });
export const Indicator = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,49}$/, "a-z, 0-9, _ (2–50 characters, starting with a letter)"),
    name: z.string().trim().min(2).max(300),
    unit: z.string().trim().min(1).max(60),
    aggregation: z.enum(["sum", "average", "latest"]),
    unitTypes: z.array(z.string().min(1)).max(20).default([]),
    sources: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  })
  .strict();

export const ReportForm = z.object({
  planId: uuid,
  version: z.number().int(),
  headings: z.array(Heading),
  indicators: z.array(Indicator),
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  versions: z.array(
    z.object({ version: z.number().int(), createdAt: z.string(), reason: z.string().nullable() }),
  ),
});
export const FormBody = z
  .object({ indicators: z.array(Indicator).min(1).max(100), reason: z.string().trim().min(3).max(500) })
  .strict();

export const Schedule = z.object({
  id: uuid,
  kind: z.enum(["duty", "ad_hoc"]),
  source: z.string(),
  frequency: z.string().nullable(),
  clause: z.string().nullable(),
  fromMentions: z.array(z.string()),
  to: z.string().nullable(),
  via: z.string().nullable(),
  namedUnits: z.array(z.object({ id: uuid, name: z.string() })),
  lockDays: z.number().int(),
  reminderDays: z.array(z.number().int()),
  version: z.number().int(),
});
export const ScheduleBody = z
  .object({
    version: z.number().int(),
    lockDays: z.number().int().min(0).max(365).optional(),
    reminderDays: z.array(z.number().int().min(0).max(90)).max(10).optional(),
  })
  .strict();

export const Counts = z.object({
  expected: z.number().int(),
  received: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  accepted: z.number().int(),
  returned: z.number().int(),
  missing: z.number().int(),
});

export const Period = z.object({
  id: uuid,
  planId: uuid,
  scheduleId: uuid,
  kind: z.enum(["duty", "ad_hoc"]),
  key: z.string(),
  label: z.object({ vi: z.string(), en: z.string() }),
  request: z.string().nullable(),
  windowStart: isoDate,
  windowEnd: isoDate,
  deadline: isoDate,
  deadlineSource: z.string(),
  basis: z.array(z.string()),
  lockDay: isoDate,
  locked: z.boolean(),
  counts: Counts,
});
export const PeriodList = z.object({ items: z.array(Period) });

export const AdHocBody = z
  .object({
    title: z.string().trim().min(3).max(300),
    request: z.string().trim().min(3).max(5000),
    windowStart: isoDate,
    windowEnd: isoDate,
    deadline: isoDate,
    unitIds: z.array(uuid).min(1).max(2000),
    lockDays: z.number().int().min(0).max(365).optional(),
  })
  .strict();

export const CompletenessRow = z.object({
  key: z.string(),
  label: z.string(),
  counts: Counts,
});
export const UnitStanding = z.object({
  unitId: uuid,
  unitName: z.string(),
  unitType: z.string(),
  reportId: uuid.nullable(),
  status: z.union([ReportStatus, z.literal("none")]),
  revision: z.number().int().nullable(),
  firstSentAt: z.string().nullable(),
  late: z.boolean().nullable(),
  reopenedUntil: isoDate.nullable(),
});
export const Completeness = z.object({
  period: Period,
  today: isoDate,
  province: Counts,
  byType: z.array(CompletenessRow),
  units: z.array(UnitStanding),
});

export const ReopenBody = z.object({ until: isoDate, reason: z.string().trim().min(3).max(1000) }).strict();

export const ReportSummary = z.object({
  id: uuid,
  planId: uuid,
  periodId: uuid,
  periodKey: z.string(),
  periodLabel: z.object({ vi: z.string(), en: z.string() }),
  deadline: isoDate,
  unit: z.object({ id: uuid, name: z.string(), type: z.string() }),
  status: ReportStatus,
  revision: z.number().int(),
  formVersion: z.number().int(),
  firstSentAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  late: z.boolean().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export const ReportListQuery = z
  .object({
    planId: uuid.optional(),
    periodId: uuid.optional(),
    unitId: uuid.optional(),
    status: ReportStatus.optional(),
    /** Only reports of units of this type (sở, UBND xã…): the coordinator's list filter. */
    unitType: z.enum(UNIT_TYPES).optional(),
    mine: z.enum(["true", "false"]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export const ReportList = z.object({ items: z.array(ReportSummary), total: z.number().int() });

export const ReportEvent = z.object({
  id: uuid,
  revision: z.number().int(),
  action: z.string(),
  statusFrom: z.string().nullable(),
  statusTo: z.string().nullable(),
  comment: z.string().nullable(),
  sectionComments: z.record(z.string(), z.string()),
  actor: z.string(),
  at: z.string(),
});
export const ReportFile = z.object({
  id: uuid,
  revision: z.number().int(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});
export const RevisionBrief = z.object({
  revision: z.number().int(),
  sentAt: z.string(),
  sentBy: z.string(),
  late: z.boolean(),
  formVersion: z.number().int(),
});
export const ReportDetail = ReportSummary.extend({
  form: z.object({ version: z.number().int(), headings: z.array(Heading), indicators: z.array(Indicator) }),
  sections: z.record(z.string(), z.string()),
  values: z.record(z.string(), z.number().nullable()),
  difficulties: z.string(),
  proposals: z.string(),
  period: z.object({
    windowStart: isoDate,
    windowEnd: isoDate,
    deadline: isoDate,
    lockDay: isoDate,
    locked: z.boolean(),
    reopenedUntil: isoDate.nullable(),
  }),
  /** The latest return's comments, while the report is being corrected. */
  returnComments: z
    .object({ comment: z.string().nullable(), sections: z.record(z.string(), z.string()) })
    .nullable(),
  actions: z.array(ReportAction),
  events: z.array(ReportEvent),
  revisions: z.array(RevisionBrief),
  files: z.array(ReportFile),
});

export const SaveBody = z
  .object({
    version: z.number().int(),
    sections: z.record(z.string(), longText).optional(),
    values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).optional(),
    difficulties: longText.optional(),
    proposals: longText.optional(),
  })
  .strict();
export type SaveBody = z.infer<typeof SaveBody>;

export const TransitionBody = z
  .object({
    version: z.number().int().optional(),
    comment: z.string().trim().max(5000).optional(),
    sectionComments: z.record(z.string(), z.string().trim().max(5000)).optional(),
  })
  .strict();
export type TransitionBody = z.infer<typeof TransitionBody>;

const LineChange = z.object({ op: z.enum(["same", "added", "removed"]), text: z.string() });
export const ReportDiff = z.object({
  from: z.union([z.number().int(), z.literal("current")]),
  to: z.union([z.number().int(), z.literal("current")]),
  sections: z.array(
    z.object({ code: z.string(), title: z.string(), changed: z.boolean(), lines: z.array(LineChange) }),
  ),
  values: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      before: z.number().nullable(),
      after: z.number().nullable(),
      changed: z.boolean(),
    }),
  ),
  difficulties: z.object({ changed: z.boolean(), lines: z.array(LineChange) }),
  proposals: z.object({ changed: z.boolean(), lines: z.array(LineChange) }),
  changed: z.array(z.string()),
});
export const DiffQuery = z
  .object({
    from: z.union([z.coerce.number().int().min(1), z.literal("current")]).optional(),
    to: z.union([z.coerce.number().int().min(1), z.literal("current")]).optional(),
  })
  .strict();

export const ESCALATION_STATUSES = ["open", "decided", "closed"] as const;
export const ESCALATION_ACTIONS = ["assign", "decide", "close", "reopen"] as const;
export const Escalation = z.object({
  id: uuid,
  kind: z.enum(["difficulty", "proposal"]),
  title: z.string(),
  body: z.string(),
  status: z.enum(ESCALATION_STATUSES),
  unit: z.object({ id: uuid, name: z.string() }),
  owner: z.object({ id: uuid, name: z.string() }).nullable(),
  planId: uuid.nullable(),
  periodId: uuid.nullable(),
  reportId: uuid.nullable(),
  dueOn: isoDate.nullable(),
  overdue: z.boolean(),
  decision: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  closingNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  raisedBy: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
  /** What the signed-in user may do with it now (the web app offers these, and only these). */
  actions: z.array(z.enum(ESCALATION_ACTIONS)),
});
export const EscalationList = z.object({ items: z.array(Escalation), total: z.number().int() });
export const EscalationQuery = z
  .object({
    status: z.enum(ESCALATION_STATUSES).optional(),
    planId: uuid.optional(),
    periodId: uuid.optional(),
    unitId: uuid.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export const EscalationCreate = z
  .object({
    unitId: uuid,
    kind: z.enum(["difficulty", "proposal"]),
    title: z.string().trim().min(3).max(300),
    body: z.string().trim().min(3).max(10000),
    planId: uuid.optional(),
    reportId: uuid.optional(),
  })
  .strict();
export const EscalationUpdate = z
  .object({
    version: z.number().int(),
    action: z.enum(ESCALATION_ACTIONS),
    ownerUnitId: uuid.optional(),
    dueOn: isoDate.optional(),
    decision: z.string().trim().max(10000).optional(),
    closingNote: z.string().trim().max(10000).optional(),
  })
  .strict();

export const UrgingLetter = z.object({
  id: uuid,
  periodId: uuid,
  issuedOn: isoDate,
  lateUnits: z.array(z.object({ id: uuid, name: z.string() })),
  filename: z.string(),
  size: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const UrgingLetterList = z.object({ items: z.array(UrgingLetter) });

export const Notice = z.object({
  id: uuid,
  kind: z.string(),
  title: z.string(),
  periodId: uuid.nullable(),
  reportId: uuid.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NoticeList = z.object({ items: z.array(Notice) });
