import { eq, sql } from "drizzle-orm";
import { systemActor } from "../common/actors.ts";
import { loadConfig } from "../server/config.ts";
import type { Database, Tx } from "../server/db/connection.ts";
import type { Tenant } from "../server/http/context.ts";
import { addDays, createWorkingCalendar } from "../server/lib/calendar/index.ts";
import { clock } from "../server/lib/clock.ts";
import { createMemoryStorage } from "../server/lib/storage.ts";
import type { Actor } from "../server/modules/auth/actor.ts";
import { findUserByUsername } from "../server/modules/auth/users.ts";
import { listUnits } from "../server/modules/orgs/service.ts";
import { byTrackingCode, ratePetition, recordFollowUp } from "../server/modules/petitions/citizen.ts";
import type { PetitionDeps } from "../server/modules/petitions/deps.ts";
import { communesToday, unitsInForceByCode } from "../server/modules/petitions/directory.ts";
import { createPetition } from "../server/modules/petitions/intake.ts";
import { COMMUNE_LABEL, loadSeed, seededRandom } from "../server/modules/petitions/routing/seed.ts";
import { petitionSettings } from "../server/modules/petitions/settings.ts";
import {
  petitionClocks,
  petitionEvents,
  petitionExtensions,
  petitions,
} from "../server/modules/petitions/tables.ts";
import {
  approveAnswer,
  assignPetition,
  closePetition,
  decideAcceptance,
  draftAnswer,
  extendClock,
  mergePetition,
} from "../server/modules/petitions/workflow.ts";

/**
 * About sixty petitions from July 2025 (the new An Giang) to today, in every state: new,
 * assigned, overdue, answered on time and late, closed resolved and not, rated, followed up,
 * merged, and complaints and denunciations with their acceptance and extensions. They go
 * through the module's own services, each step on its simulated day, so that clocks, events and
 * audit entries are what real use would leave; the timestamps are then set to those days (the
 * audit trail keeps the day it was loaded: it cannot be rewritten). Deterministic: the same
 * seed gives the same petitions; only the tracking codes are random, as they must be.
 */

type Fate =
  | "new"
  | "assigned"
  | "overdue"
  | "answered"
  | "answered-late"
  | "resolved"
  | "unresolved"
  | "merged"
  | "complaint-waiting"
  | "complaint-extended"
  | "complaint-refused"
  | "denunciation-answered";

const PLAN: [Fate, number][] = [
  ["new", 8],
  ["assigned", 7],
  ["overdue", 5],
  ["answered", 12],
  ["answered-late", 6],
  ["resolved", 10],
  ["unresolved", 6],
  ["merged", 2],
  ["complaint-waiting", 1],
  ["complaint-extended", 1],
  ["complaint-refused", 1],
  ["denunciation-answered", 1],
];

const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Huỳnh",
  "Võ",
  "Đặng",
  "Bùi",
  "Danh",
  "Thạch",
  "Lâm",
  "Trương",
];
const MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Hoàng", "Ngọc", "Quốc", "Kim"];
const GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dung",
  "Hạnh",
  "Khoa",
  "Lan",
  "Mai",
  "Nam",
  "Phúc",
  "Sơn",
  "Tâm",
  "Thảo",
  "Vy",
];
const ACTIONS = [
  "đã phối hợp với Ủy ban nhân dân xã kiểm tra thực tế và yêu cầu khắc phục trong 10 ngày",
  "đã đưa nội dung vào kế hoạch sửa chữa năm nay, dự kiến hoàn thành trong quý tới",
  "đã lập biên bản, xử phạt vi phạm hành chính và yêu cầu chấm dứt hành vi",
  "đã hướng dẫn hồ sơ, thủ tục; đề nghị ông/bà liên hệ bộ phận một cửa để được giải quyết",
  "đã chỉ đạo đơn vị trực thuộc rà soát và báo cáo kết quả trước cuối tháng",
];
const UNRESOLVED = [
  "Vượt khả năng ngân sách năm nay; đã kiến nghị bố trí vốn năm sau.",
  "Chủ cơ sở chưa chấp hành; đã chuyển hồ sơ sang Thanh tra tỉnh xử lý tiếp.",
  "Cần chờ quy hoạch được phê duyệt mới có thể giải quyết dứt điểm.",
];

export async function loadDemoPetitions(database: Database, tenant: Tenant): Promise<string[]> {
  const random = seededRandom(20250701);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const calendar = createWorkingCalendar();
  const today = clock.today();
  const config = loadConfig({} as NodeJS.ProcessEnv);
  let simulated = today;
  const deps: PetitionDeps = {
    database,
    tenant,
    config,
    mailer: { transport: "log", send: async () => ({ messageId: "demo" }), close: async () => {} },
    jobs: null,
    storage: createMemoryStorage(),
    settings: petitionSettings(config),
    calendar,
    today: () => simulated,
  };
  const db = database.db;
  const communes = await communesToday(db, tenant.id, today);
  // A petition names a commune in force on the day it arrived: on a day soon after a
  // restructuring (the demo run on 1 July 2025), the year of petitions starts when today's
  // communes came into force.
  const communesSince = (await listUnits(db, tenant.id, { asOf: today, type: "commune" })).reduce(
    (latest, unit) => (unit.validFrom && unit.validFrom > latest ? unit.validFrom : latest),
    "0000-01-01",
  );
  const byCode = await unitsInForceByCode(db, tenant.id, today);
  const coordinator = await findUserByUsername(db, tenant.id, "dieuphoi");
  if (!coordinator) return ["Demo petitions skipped: the demo coordinator account is missing."];
  // The demo acts for each unit as its staff would; the account behind it is the coordinator's.
  const staffOf = (unitId: string, name: string): Actor => ({
    kind: "user",
    userId: coordinator.id,
    tenantId: tenant.id,
    username: "du-lieu-mau",
    displayName: `${name} (dữ liệu mẫu)`,
    grants: [
      { role: "coordinator", unitId: byCode.get("SNV")!.id },
      { role: "unit_officer", unitId },
      { role: "unit_leader", unitId },
    ],
  });
  const seeds = loadSeed();
  const earliest = today > "2025-08-01" ? "2025-07-01" : addDays(today, -60);
  const span = Math.max(30, calendar.workingDaysBetween(earliest, today));
  const fates = PLAN.flatMap(([fate, n]) => Array<Fate>(n).fill(fate));
  const counts = new Map<string, number>();
  const survivors: string[] = [];

  const at = (day: string) =>
    new Date(
      `${day}T${String(between(7, 16)).padStart(2, "0")}:${String(between(0, 59)).padStart(2, "0")}:00+07:00`,
    );
  /** Runs one step on its simulated day and dates the rows it wrote to that day. */
  async function step(id: string | null, day: string, work: (tx: Tx) => Promise<unknown>) {
    simulated = day;
    const mark = clock.fromNow(-1000);
    await db.transaction(async (tx) => {
      await work(tx as Tx);
    });
    if (!id) return;
    const when = at(day);
    await db
      .update(petitionEvents)
      .set({ at: when })
      .where(sql`${petitionEvents.petitionId} = ${id} AND ${petitionEvents.at} >= ${mark}`);
    await db
      .update(petitionExtensions)
      .set({ createdAt: when })
      .where(sql`${petitionExtensions.petitionId} = ${id} AND ${petitionExtensions.createdAt} >= ${mark}`);
    await db
      .update(petitionClocks)
      .set({ createdAt: when })
      .where(sql`${petitionClocks.petitionId} = ${id} AND ${petitionClocks.createdAt} >= ${mark}`);
    await db
      .update(petitions)
      .set({
        updatedAt: when,
        answerDraftedAt: sql`CASE WHEN ${petitions.answerDraftedAt} >= ${mark} THEN ${when} ELSE ${petitions.answerDraftedAt} END`,
        answerPublishedAt: sql`CASE WHEN ${petitions.answerPublishedAt} >= ${mark} THEN ${when} ELSE ${petitions.answerPublishedAt} END`,
        closedAt: sql`CASE WHEN ${petitions.closedAt} >= ${mark} THEN ${when} ELSE ${petitions.closedAt} END`,
        ratedAt: sql`CASE WHEN ${petitions.ratedAt} >= ${mark} THEN ${when} ELSE ${petitions.ratedAt} END`,
        followUpAt: sql`CASE WHEN ${petitions.followUpAt} >= ${mark} THEN ${when} ELSE ${petitions.followUpAt} END`,
      })
      .where(eq(petitions.id, id));
  }

  for (const [index, fate] of fates.entries()) {
    const seed = seeds[(index * 37) % seeds.length];
    const commune = pick(communes);
    const target =
      seed.unit === COMMUNE_LABEL ? { id: commune.id, name: commune.name } : byCode.get(seed.unit);
    if (!target) continue;
    const kind = fate.startsWith("complaint")
      ? "khieu-nai"
      : fate.startsWith("denunciation")
        ? "to-cao"
        : random() < 0.7
          ? "phan-anh"
          : "kien-nghi";
    // Open ones are recent, overdue ones a few weeks old, finished ones anywhere in the span.
    const age =
      fate === "new"
        ? between(0, 2)
        : fate === "assigned"
          ? between(1, 8)
          : fate === "overdue"
            ? between(20, 40)
            : fate === "complaint-waiting"
              ? 3
              : fate === "complaint-extended"
                ? 25
                : between(40, span);
    const counted = calendar.addWorkingDays(today, -age);
    const received = [counted, communesSince].sort()[1];
    const name = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    const phone = `09${String(between(10_000_000, 99_999_999))}`;
    const channel = pick(["portal", "portal", "portal", "letter", "reception", "hotline", "email"] as const);
    simulated = received;
    const outcome = await createPetition(deps, {
      body: {
        kind,
        text: seed.text,
        category: seed.category,
        communeId: commune.id,
        contact: { name, phone, ...(random() < 0.5 ? { email: `congdan${index + 1}@example.vn` } : {}) },
        receivedDate: received,
      },
      channel,
      actor:
        channel === "portal"
          ? systemActor("portal")
          : { userId: coordinator.id, name: `${coordinator.displayName} (dieuphoi)` },
      createdBy: channel === "portal" ? null : coordinator.id,
      ip: "demo",
      idempotencyKey: null,
      limited: false,
    });
    const id = outcome.id!;
    await db
      .update(petitions)
      .set({ receivedAt: at(received) })
      .where(eq(petitions.id, id));
    await db
      .update(petitionEvents)
      .set({ at: at(received) })
      .where(eq(petitionEvents.petitionId, id));
    counts.set(fate, (counts.get(fate) ?? 0) + 1);
    if (fate === "new") continue;

    const staff = staffOf(target.id, target.name);
    let day = calendar.addWorkingDays(received, between(1, 2));
    if (index % 9 === 4 && seed.unit !== "SXD") {
      // Sent first to the wrong department, which passes it on: the timeline shows both.
      const wrong = byCode.get("SXD")!;
      await step(id, day, (tx) =>
        assignPetition(tx, deps, staffOf(wrong.id, wrong.name), id, { unitId: wrong.id }),
      );
      day = calendar.addWorkingDays(day, 1);
      await step(id, day, (tx) =>
        assignPetition(tx, deps, staffOf(wrong.id, wrong.name), id, {
          unitId: target.id,
          note: "Không thuộc thẩm quyền, chuyển đơn vị có thẩm quyền",
        }),
      );
    } else {
      await step(id, day, (tx) => assignPetition(tx, deps, staff, id, { unitId: target.id }));
    }
    if (fate === "assigned" || fate === "overdue" || fate === "complaint-waiting") continue;
    if (fate === "merged") {
      const into = survivors[survivors.length - 1];
      if (into)
        await step(id, calendar.addWorkingDays(day, 1), (tx) => mergePetition(tx, deps, staff, id, into));
      continue;
    }
    if (kind === "khieu-nai" || kind === "to-cao") {
      day = calendar.addWorkingDays(day, between(2, 4));
      if (fate === "complaint-refused") {
        await step(id, day, (tx) =>
          decideAcceptance(tx, deps, staff, id, {
            accepted: false,
            reason: "Đã hết thời hiệu khiếu nại theo Điều 9 Luật Khiếu nại 2011.",
          }),
        );
        continue;
      }
      await step(id, day, (tx) =>
        decideAcceptance(tx, deps, staff, id, {
          accepted: true,
          decisionNumber: `${between(10, 99)}/TB-${seed.unit.replace("@", "")}`,
        }),
      );
      if (fate === "complaint-extended") {
        day = calendar.addWorkingDays(day, 10);
        await step(id, day, (tx) =>
          extendClock(tx, deps, staff, id, {
            reason: "Vụ việc phức tạp, cần xác minh thêm tại nhiều nơi",
            decisionNumber: `${between(100, 199)}/QĐ-GH`,
          }),
        );
        continue;
      }
    }
    const late = fate === "answered-late";
    const answerDay = late
      ? calendar.addWorkingDays(received, between(18, 30))
      : calendar.addWorkingDays(day, between(3, 10));
    if (answerDay > today) continue;
    const text = `Kính gửi ông/bà ${name}. ${staff.displayName.replace(" (dữ liệu mẫu)", "")} ${pick(ACTIONS)}. Trân trọng.`;
    await step(id, calendar.addWorkingDays(answerDay, -1), (tx) => draftAnswer(tx, staff, id, text));
    await step(id, answerDay, (tx) => approveAnswer(tx, deps, staff, id));
    survivors.push(id);
    const row = await byTrackingCode(db, tenant.id, outcome.trackingCode);
    if (random() < 0.7) {
      const score = fate === "unresolved" || late ? between(1, 3) : between(3, 5);
      await step(id, addDays(answerDay, between(1, 5)), (tx) =>
        ratePetition(tx, row, {
          score,
          comment: score >= 4 ? "Cảm ơn cơ quan đã giải quyết." : "Chậm, chưa thỏa đáng.",
        }),
      );
    }
    if (fate !== "resolved" && fate !== "unresolved") continue;
    const closeDay = addDays(answerDay, between(3, 10));
    if (closeDay > today) continue;
    await step(id, closeDay, (tx) =>
      closePetition(
        tx,
        deps,
        staff,
        id,
        fate === "resolved" ? { resolved: true } : { resolved: false, reason: pick(UNRESOLVED) },
      ),
    );
    if (addDays(closeDay, 28) <= today && random() < 0.8) {
      const resolved = fate === "resolved" ? random() < 0.8 : random() < 0.2;
      await step(id, addDays(closeDay, 30), (tx) => recordFollowUp(tx, row, { resolved }));
    }
  }
  const summary = PLAN.map(([fate]) => `${fate} ${counts.get(fate) ?? 0}`).join(", ");
  return [`Demo petitions loaded: ${[...counts.values()].reduce((a, b) => a + b, 0)} (${summary}).`];
}
