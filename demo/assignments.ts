import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../server/db/connection.ts";
import type { Tenant } from "../server/http/context.ts";
import { addDays, daysBetween, todayInVietnam } from "../server/lib/calendar/index.ts";
import { compareCodes } from "../server/modules/assignments/list.ts";
import { ensureOccurrences } from "../server/modules/assignments/sync.ts";
import { assignments, assignmentUpdates } from "../server/modules/assignments/tables.ts";
import { recordAudit } from "../server/modules/audit/service.ts";
import { listUnits } from "../server/modules/orgs/service.ts";
import { allPlanHeads } from "../server/modules/plans/registry.ts";
import { departmentMergers2025 } from "./restructuring.ts";

/**
 * A believable history of the demo plan's assignments, deterministic (a seeded generator over
 * the assignments in a fixed order). Two parts, around the 2025 events of demo/restructuring.ts:
 *
 * - `loadDemoProgress`, before the events: from July 2024 each unit starts, reports, completes
 *   (the 2024 yearly report on time, late or not at all), or pauses with a reason, each until its
 *   last day in the directory (28/02/2025 for the departments merged in March, 30/06/2025 for the
 *   rest). The events then pass what is still open to the successors.
 * - `loadDemoFollowUp`, after the events: the successors carry on from July 2025 until today.
 */

const DEMO_ACTOR = { userId: null, name: "demo loader" };
const SEED = 20240601;

/** mulberry32: small, fast and the same on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = typeof assignments.$inferSelect;
interface UnitFacts {
  name: string;
  code: string | null;
  shortName: string | null;
}

/** The demo plan's open assignments in a fixed order (code, unit code and name, role, period). */
async function openAssignments(tx: DbOrTx, tenantId: string, planId: string, units: Map<string, UnitFacts>) {
  const rows = await tx
    .select()
    .from(assignments)
    .where(
      and(
        eq(assignments.planId, planId),
        inArray(assignments.status, ["not_started", "in_progress", "paused"]),
        eq(assignments.tenantId, tenantId),
      ),
    )
    .orderBy(asc(assignments.itemCode));
  const unitKey = (id: string) => `${units.get(id)?.code ?? ""}|${units.get(id)?.name ?? ""}`;
  return rows.sort(
    (a, b) =>
      compareCodes(a.itemCode, b.itemCode) ||
      unitKey(a.unitId).localeCompare(unitKey(b.unitId)) ||
      a.role.localeCompare(b.role) ||
      a.occurrence.localeCompare(b.occurrence),
  );
}

interface Outcome {
  id: string;
  status: string;
  percent: number | null;
  pauseReason: string | null;
  completedOn: string | null;
  updates: (typeof assignmentUpdates.$inferInsert)[];
}

/** Writes the outcomes: the updates appended, each assignment set to where they leave it. */
async function write(tx: DbOrTx, outcomes: Outcome[]) {
  const updates = outcomes.flatMap((o) => o.updates);
  for (let i = 0; i < updates.length; i += 800)
    await tx.insert(assignmentUpdates).values(updates.slice(i, i + 800));
  const changed = outcomes.filter((o) => o.updates.length > 0);
  for (let i = 0; i < changed.length; i += 500) {
    const values = changed
      .slice(i, i + 500)
      .map(
        (o) =>
          sql`(${o.id}::uuid, ${o.status}::text, ${o.percent}::int, ${o.pauseReason}::text, ${o.completedOn}::date, ${o.updates.length}::int)`,
      );
    await tx.execute(sql`
      UPDATE assignments AS a SET status = v.status, percent = v.percent, pause_reason = v.pause_reason,
        completed_on = v.completed_on, version = a.version + v.n, updated_at = now()
      FROM (VALUES ${sql.join(values, sql`, `)}) AS v(id, status, percent, pause_reason, completed_on, n)
      WHERE a.id = v.id`);
  }
  return { updates: updates.length, assignments: changed.length };
}

/** A day between two days, both included (the first when the second is earlier). */
const dayBetween = (random: () => number, from: string, to: string) =>
  addDays(from, Math.floor(random() * (Math.max(0, daysBetween(from, to)) + 1)));

/**
 * One assignment's story between `from` and `until`: maybe started, reported on a few times,
 * then completed, paused or left open. The yearly report (III.1) follows its own due date.
 */
function story(
  random: () => number,
  row: Row,
  unit: UnitFacts,
  window: { from: string; until: string },
  script: Script,
): Outcome {
  const outcome: Outcome = {
    id: row.id,
    status: row.status,
    percent: row.percent,
    pauseReason: row.pauseReason,
    completedOn: null,
    updates: [],
  };
  if (window.until < window.from) return outcome;
  const author = `Cán bộ đầu mối · ${unit.shortName ?? unit.name}`;
  const add = (on: string, fields: Partial<typeof assignmentUpdates.$inferInsert>) =>
    outcome.updates.push({
      tenantId: row.tenantId,
      assignmentId: row.id,
      kind: "progress",
      figures: {},
      authorName: author,
      reportedOn: on,
      createdAt: new Date(`${on}T09:00:00+07:00`),
      ...fields,
    });
  const yearly = row.occurrence !== "once";
  const requested = row.role === "requested";
  if (random() > (yearly ? script.reportRate : requested ? 0.6 : script.startRate)) return outcome;

  // Work carried over from a predecessor resumes once the successor exists (window.from).
  const notBefore = (on: string) =>
    on < window.from ? dayBetween(random, window.from, addDays(window.from, 60)) : on;
  let day = yearly
    ? notBefore(
        dayBetween(
          random,
          addDays(row.dueDate ?? window.until, -40),
          addDays(row.dueDate ?? window.until, -20),
        ),
      )
    : dayBetween(random, window.from, addDays(window.from, 120));
  if (day > window.until) return outcome;
  let percent = outcome.percent ?? 0;
  const steps = yearly ? 1 : 1 + Math.floor(random() * 3);
  for (let i = 0; i < steps && day <= window.until; i++) {
    percent = Math.min(95, percent + 15 + Math.floor(random() * 30));
    const { text, figures } = progressText(random, row, percent, false);
    // A report on work not started, or paused, means it is under way (again).
    const resuming = outcome.status !== "in_progress";
    add(day, {
      percent,
      text,
      figures,
      ...(resuming ? { statusFrom: outcome.status, statusTo: "in_progress" } : {}),
    });
    outcome.status = "in_progress";
    outcome.percent = percent;
    outcome.pauseReason = null;
    day = addDays(day, 30 + Math.floor(random() * 70));
  }
  const roll = random();
  if (yearly && row.dueDate) {
    // The yearly report: mostly on time, some late, a few never sent (overdue).
    const late = roll > script.onTime;
    if (roll > script.onTime + script.late) return outcome;
    const on = notBefore(
      late
        ? dayBetween(random, addDays(row.dueDate, 1), addDays(row.dueDate, 45))
        : dayBetween(random, addDays(row.dueDate, -12), row.dueDate),
    );
    if (on > window.until) return outcome;
    complete(on);
    return outcome;
  }
  const from = [day, script.completeFrom].sort()[1];
  if (from > window.until) return outcome;
  if (roll < script.completeRate) {
    // Most work closes within a season of its last report.
    complete(dayBetween(random, from, [window.until, addDays(from, 90)].sort()[0]));
  } else if (roll > 1 - script.pauseRate && outcome.status === "in_progress") {
    const reason = randomFrom(random, PAUSE_REASONS);
    add(dayBetween(random, from, window.until), {
      kind: "status",
      statusFrom: "in_progress",
      statusTo: "paused",
      reason,
    });
    outcome.status = "paused";
    outcome.pauseReason = reason;
  }
  return outcome;

  function complete(on: string) {
    const { text, figures } = progressText(random, row, 100, true);
    add(on, { percent: 100, text, figures, statusFrom: outcome.status, statusTo: "completed" });
    outcome.status = "completed";
    outcome.percent = 100;
    outcome.completedOn = on;
    outcome.pauseReason = null;
  }
}

async function demoPlanId(tx: DbOrTx, tenantId: string): Promise<string | null> {
  const heads = await allPlanHeads(tx, tenantId);
  return heads.find((head) => head.parentPlanId === null && head.currentVersion > 0)?.id ?? null;
}

type UnitInfo = UnitFacts & { validTo: string | null };
type Casting = (
  row: Row,
  unit: UnitInfo,
) => { window: { from: string; until: string }; script: Script } | null;

/** One part of the history, in one transaction: each open assignment cast, told, written. */
async function phase(database: Database, tenant: Tenant, seed: number, period: string, cast: Casting) {
  return database.db.transaction(async (tx) => {
    const planId = await demoPlanId(tx, tenant.id);
    if (!planId) return [`Demo progress ${period}: no published plan.`];
    // Publishing made them when the module's hooks were installed; this makes sure of it.
    await ensureOccurrences(tx, tenant.id, todayInVietnam());
    const units = new Map((await listUnits(tx, tenant.id)).map((u) => [u.id, u as UnitInfo]));
    const random = seededRandom(seed);
    const outcomes: Outcome[] = [];
    for (const row of await openAssignments(tx, tenant.id, planId, units)) {
      const unit = units.get(row.unitId)!;
      const casting = cast(row, unit);
      if (casting) outcomes.push(story(random, row, unit, casting.window, casting.script));
    }
    const written = await write(tx, outcomes);
    await recordAudit(tx, {
      tenantId: tenant.id,
      actor: DEMO_ACTOR,
      action: "demo.progress",
      entityType: "plan",
      entityId: planId,
      after: { period, ...written },
    });
    return [summaryLine(period, outcomes, written.updates)];
  });
}

/** Before the 2025 events: the 2024 units' work until each one's last day. */
export async function loadDemoProgress(database: Database, tenant: Tenant): Promise<string[]> {
  const today = todayInVietnam();
  const mergedInMarch = new Set(
    departmentMergers2025().changes.flatMap((change) => (change.kind === "merge" ? change.from : [])),
  );
  return phase(database, tenant, SEED, "2024 – 06/2025", (row, unit) => {
    // Reports of later years fall after the events: the successors write them.
    if (row.occurrence !== "once" && Number(row.occurrence) > 2024) return null;
    const lastDay = unit.code && mergedInMarch.has(unit.code) ? "2025-02-28" : "2025-06-30";
    return { window: { from: "2024-07-01", until: [lastDay, today].sort()[0] }, script: SCRIPTS.preEvent };
  });
}

/** After the 2025 events: the successors carry the open work from July 2025 until today. */
export async function loadDemoFollowUp(database: Database, tenant: Tenant): Promise<string[]> {
  const today = todayInVietnam();
  return phase(database, tenant, SEED + 1, `07/2025 – ${today}`, (row, unit) => {
    if ((unit.validTo && unit.validTo < today) || (row.startsOn && row.startsOn > today)) return null;
    const script = row.occurrence === "once" ? SCRIPTS.afterEvents : SCRIPTS.afterEventsReport;
    return { window: { from: "2025-07-15", until: today }, script };
  });
}

function summaryLine(period: string, outcomes: Outcome[], updates: number) {
  const by = (status: string) => outcomes.filter((o) => o.status === status).length;
  return `Demo progress ${period}: ${updates} updates; ${by("completed")} assignments completed, ${by("in_progress")} in progress, ${by("paused")} paused.`;
}

const SCRIPTS: Record<string, Script> = {
  preEvent: script(0.85, 0.95, 0.42, 0.05, 0.7, 0.2, "2024-10-15"),
  afterEvents: script(0.75, 0.9, 0.4, 0.04, 0.7, 0.2, "2025-09-01"),
  afterEventsReport: script(0.85, 0.9, 0, 0, 0.65, 0.2, "2025-11-01"),
};

function script(...v: [number, number, number, number, number, number, string]): Script {
  const [startRate, reportRate, completeRate, pauseRate, onTime, late, completeFrom] = v;
  return { startRate, reportRate, completeRate, pauseRate, onTime, late, completeFrom };
}

interface Script {
  /** Share of one-off assignments started; of yearly reports begun; of the started, completed / paused. */
  startRate: number;
  reportRate: number;
  completeRate: number;
  pauseRate: number;
  /** Yearly reports: share sent on time, late (the rest is never sent: overdue). */
  onTime: number;
  late: number;
  /** No one-off task is completed before this day. */
  completeFrom: string;
}

const randomFrom = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)];
const between = (random: () => number, low: number, high: number) =>
  low + Math.floor(random() * (high - low + 1));

const PAUSE_REASONS = [
  "Tạm dừng để sắp xếp, tổ chức lại bộ máy theo Nghị quyết số 18-NQ/TW; tiếp tục sau khi kiện toàn.",
  "Chờ bố trí kinh phí bổ sung năm 2025 để tổ chức các hoạt động tại cơ sở.",
  "Chờ hướng dẫn của Bộ Nội vụ về nội dung và mẫu biểu báo cáo.",
  "Cán bộ phụ trách nghỉ chế độ; đơn vị đang phân công người thay thế.",
] as const;

/**
 * What a unit writes under each task heading, one line each: "heading | sentence | figures",
 * each figure "name:low-high" drawn in that range ("*" after it: a multiple of the first figure,
 * as people per session); {0}, {1} in the sentence are the figures.
 */
const WORK = new Map(
  [
    "II.1 | Tổ chức {0} hội nghị học tập, quán triệt Nghị quyết số 43-NQ/TW cho {1} lượt cán bộ, đảng viên, đoàn viên, hội viên. | Số hội nghị quán triệt:2-12 | Số lượt người tham dự:40-180*",
    "II.2 | Mở {0} lớp bồi dưỡng, tập huấn cho {1} lượt công nhân, nông dân, thanh niên và phụ nữ. | Số lớp bồi dưỡng, tập huấn:1-8 | Số lượt người tham dự:30-90*",
    "II.3 | Tổ chức {0} cuộc tiếp xúc, đối thoại với Nhân dân; tiếp nhận {1} ý kiến, kiến nghị và chuyển xử lý theo thẩm quyền. | Số cuộc đối thoại:1-6 | Số kiến nghị tiếp nhận:5-60",
    "II.4 | Giải quyết đúng hạn {0} phản ánh, kiến nghị của người dân, doanh nghiệp; rà soát, đơn giản hóa {1} thủ tục hành chính. | Số phản ánh, kiến nghị đã giải quyết:10-120 | Số thủ tục hành chính được rà soát:3-40",
    "II.5 | Phối hợp tổ chức {0} đợt tuyên truyền, vận động quần chúng; nắm chắc tình hình an ninh, trật tự tại địa bàn. | Số đợt tuyên truyền, vận động:2-15",
    "II.6 | Phối hợp Mặt trận tổ chức {0} Ngày hội đại đoàn kết toàn dân tộc ở khu dân cư với {1} lượt người tham gia. | Số Ngày hội đại đoàn kết:1-20 | Số lượt người tham gia:80-300*",
    "II.7 | Lấy ý kiến Nhân dân đối với {0} dự thảo văn bản; tiếp thu, giải trình {1} ý kiến góp ý. | Số dự thảo lấy ý kiến:1-6 | Số ý kiến được tiếp thu:5-80",
    "II.8 | Phát động {0} phong trào thi đua; biểu dương, khen thưởng {1} tập thể, cá nhân điển hình, nhân rộng mô hình hay. | Số phong trào thi đua:1-4 | Số tập thể, cá nhân được khen thưởng:3-40",
    "III.2 | Theo dõi, tổng hợp báo cáo của {0} cơ quan, đơn vị; ban hành {1} văn bản đôn đốc. | Số đơn vị đã báo cáo:20-45 | Số văn bản đôn đốc:1-3",
    "III.3 | Hướng dẫn các cơ quan báo chí, hệ thống thông tin cơ sở đăng {0} tin, bài về đại đoàn kết toàn dân tộc. | Số tin, bài:20-90",
    "III.4 | Đăng tải {0} tin, bài và {1} phóng sự trên chuyên trang, chuyên mục về Nghị quyết số 43-NQ/TW. | Số tin, bài:15-120 | Số phóng sự:2-12",
    "III.5 | Tổ chức {0} cuộc giám sát việc thực hiện Nghị quyết số 43-NQ/TW và Kế hoạch; vận động đoàn viên, hội viên hưởng ứng phong trào thi đua. | Số cuộc giám sát:1-5",
  ].map((line) => {
    const [heading, text, ...figures] = line.split(" | ");
    return [heading, { text, figures: figures.map((f) => /^(.+):(\d+)-(\d+)(\*?)$/.exec(f)!) }] as const;
  }),
);

function progressText(random: () => number, row: Row, percent: number, done: boolean) {
  if (row.occurrence !== "once") {
    const text = done
      ? `Đã gửi báo cáo kết quả thực hiện Kế hoạch năm ${row.occurrence} về UBND tỉnh (qua Sở Nội vụ).`
      : `Đang tổng hợp số liệu, dự thảo báo cáo kết quả thực hiện Kế hoạch năm ${row.occurrence}.`;
    return { text, figures: {} };
  }
  const parts = row.itemCode.split(".");
  const work = WORK.get(parts.slice(0, 2).join(".")) ?? WORK.get(parts[0] === "III" ? "III.2" : "II.1")!;
  const values: number[] = [];
  const figures: Record<string, number> = {};
  for (const [, name, low, high, per] of work.figures) {
    const value = between(random, Number(low), Number(high)) * (per ? values[0] : 1);
    values.push(value);
    figures[name] = value;
  }
  const sentence = work.text.replace(/\{(\d)\}/g, (_, n: string) => String(values[Number(n)]));
  const text = done ? `Hoàn thành nhiệm vụ. ${sentence}` : `${sentence} Ước đạt ${percent}% kế hoạch năm.`;
  return { text, figures };
}
