import { and, eq } from "drizzle-orm";
import type { Database } from "../server/db/connection.ts";
import type { Tenant } from "../server/http/context.ts";
import { addDays } from "../server/lib/calendar/index.ts";
import { recordAudit } from "../server/modules/audit/service.ts";
import { allPlanHeads } from "../server/modules/plans/registry.ts";
import { formVersion } from "../server/modules/reports/access.ts";
import { loadReportDirectory } from "../server/modules/reports/directory.ts";
import { reportsIndicator } from "../server/modules/reports/form.ts";
import { prefillFrom, progressNotes } from "../server/modules/reports/prefill.ts";
import {
  escalations,
  reportEvents,
  reportPeriods,
  reportRevisions,
  reportSchedules,
  reports,
} from "../server/modules/reports/tables.ts";
import { seededRandom } from "./assignments.ts";

/**
 * The demo plan's 2024 reporting cycle, loaded before the 2025 events (the units are those of
 * December 2024), deterministic. Most units send before 10/12/2024 and are accepted; a few send
 * late; one is returned with the coordinator's comments and sent again as revision 2; two never
 * report (one left a draft, one has nothing). Each report is pre-filled from the unit's progress
 * updates of the year, completed from narratives written for its kind of unit, with figures
 * plausible for it; two units raise difficulties that go to UBND tỉnh.
 */

const SEED = 20241210;
const COORDINATOR = "Trần Thị Điều Phối (dieuphoi)";
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+07:00`);

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

/** Narratives per kind of unit and heading; {name} is the unit, {a}, {b} figures drawn for it. */
const NARRATIVES: Record<string, Record<string, string[]>> = {
  department: {
    "II.1": [
      "{name} tổ chức quán triệt Nghị quyết số 43-NQ/TW và Chương trình hành động số 51-CTr/TU đến toàn thể cán bộ, công chức, viên chức, người lao động; lồng ghép nội dung vào sinh hoạt chi bộ định kỳ hằng tháng.",
      "Ban Giám đốc {name} chỉ đạo các phòng, đơn vị trực thuộc xây dựng kế hoạch cụ thể, gắn nhiệm vụ phát huy sức mạnh đại đoàn kết với nhiệm vụ chính trị của ngành; {a} lượt cán bộ được phổ biến nội dung Kế hoạch.",
    ],
    "II.2": [
      "Thực hiện đầy đủ các chế độ, chính sách đối với người có công, đồng bào dân tộc thiểu số, người có uy tín trong lĩnh vực ngành phụ trách; phối hợp giải quyết {a} hồ sơ chính sách đúng quy định.",
    ],
    "II.4": [
      "{name} công khai {a} thủ tục hành chính trên Cổng Dịch vụ công, tiếp nhận và giải quyết đúng hạn phản ánh, kiến nghị của người dân, doanh nghiệp; chấn chỉnh tác phong, thái độ phục vụ của công chức tiếp nhận hồ sơ.",
      "Duy trì tiếp công dân định kỳ của Giám đốc sở; tổ chức {b} cuộc đối thoại với người dân, doanh nghiệp về các vướng mắc thuộc lĩnh vực quản lý.",
    ],
    "II.8": [
      "Phát động phong trào thi đua gắn với thực hiện Kế hoạch; biểu dương {a} tập thể, cá nhân có cách làm hay trong công tác dân vận chính quyền.",
    ],
  },
  district: {
    "II.1": [
      "UBND {short} phối hợp Ban Tuyên giáo, Ủy ban MTTQ cùng cấp tổ chức {a} hội nghị quán triệt Nghị quyết số 43-NQ/TW đến cán bộ chủ chốt cấp huyện, xã và Trưởng ấp, khu phố.",
      "Tuyên truyền trên hệ thống truyền thanh cơ sở, trang thông tin điện tử của {short} với {b} tin, bài về truyền thống đại đoàn kết toàn dân tộc.",
    ],
    "II.3": [
      "Chủ tịch UBND {short} tổ chức {a} cuộc đối thoại trực tiếp với Nhân dân tại các xã, thị trấn; các kiến nghị sau đối thoại được phân công giải quyết và theo dõi đến khi hoàn thành.",
    ],
    "II.4": [
      "Bộ phận Một cửa cấp huyện và cấp xã tiếp nhận, giải quyết đúng hạn phần lớn hồ sơ; {short} xử lý {a} phản ánh, kiến nghị của người dân về đất đai, môi trường, trật tự đô thị.",
    ],
    "II.6": [
      "Phối hợp Ủy ban MTTQ huyện chỉ đạo {a} khu dân cư tổ chức Ngày hội đại đoàn kết toàn dân tộc (18/11); vận động xây dựng, sửa chữa {b} căn nhà Đại đoàn kết cho hộ nghèo.",
      "Thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”; {a} khu dân cư tổ chức Ngày hội đại đoàn kết với sự tham gia đông đảo của Nhân dân.",
    ],
    "II.8": [
      "Biểu dương, khen thưởng {a} tập thể, cá nhân điển hình; nhân rộng các mô hình “Dân vận khéo”, “Ấp văn hóa kiểu mẫu” trên địa bàn {short}.",
    ],
  },
  other: {
    "II.1": [
      "{name} phổ biến nội dung Kế hoạch đến cán bộ, đoàn viên, hội viên; lồng ghép tuyên truyền trong các hoạt động thường xuyên của đơn vị.",
    ],
    "II.6": [
      "{name} phối hợp Mặt trận tổ chức các hoạt động hướng về cơ sở, tham gia Ngày hội đại đoàn kết toàn dân tộc tại {a} khu dân cư.",
    ],
  },
};

const DIFFICULTIES = [
  "Kinh phí tổ chức các hoạt động tuyên truyền tại cơ sở còn hạn chế, chủ yếu lồng ghép với các chương trình khác.",
  "Một số cán bộ phụ trách kiêm nhiệm nhiều việc, việc tổng hợp số liệu báo cáo còn chậm.",
  "Chưa có hướng dẫn thống nhất về tiêu chí đánh giá kết quả thực hiện Nghị quyết số 43-NQ/TW ở cơ sở.",
  "Hạ tầng truyền thanh cơ sở ở một số ấp xuống cấp, ảnh hưởng việc tuyên truyền.",
];
const PROPOSALS = [
  "Đề nghị UBND tỉnh bố trí kinh phí riêng cho các hoạt động thực hiện Kế hoạch từ năm 2025.",
  "Đề nghị Sở Nội vụ ban hành mẫu biểu báo cáo thống nhất, có hướng dẫn cách tính từng chỉ tiêu.",
  "Đề nghị tổ chức tập huấn kỹ năng dân vận, đối thoại cho cán bộ cấp xã.",
  "",
];

/** Plausible yearly figures per kind of unit (a, b feed the narratives). */
function figuresFor(random: Random, type: string) {
  const local = type === "district";
  return {
    a: local ? between(random, 8, 40) : between(random, 2, 12),
    b: local ? between(random, 15, 120) : between(random, 1, 8),
    values: {
      propaganda_sessions: local ? between(random, 20, 90) : between(random, 3, 18),
      propaganda_participants: local ? between(random, 2500, 12000) : between(random, 120, 900),
      articles: local ? between(random, 40, 180) : between(random, 5, 40),
      broadcasts: local
        ? between(random, 10, 60)
        : type === "media"
          ? between(random, 60, 240)
          : between(random, 0, 6),
      dialogues_held: local ? between(random, 6, 30) : between(random, 1, 6),
      petitions_received: local ? between(random, 80, 400) : between(random, 5, 80),
      models_commended: local ? between(random, 10, 45) : between(random, 2, 15),
      unity_festivals: local ? between(random, 40, 140) : between(random, 1, 10),
      cultural_area_rate: between(random, 82, 98),
    } as Record<string, number>,
  };
}

/** The year's totals as a report states them, under the heading they belong to. */
function yearFigures(values: Record<string, number | null>): Record<string, string> {
  const n = (code: string) => values[code] ?? null;
  const result: Record<string, string> = {};
  if (n("propaganda_sessions")) {
    result["II.1"] =
      `Trong năm, tổ chức ${n("propaganda_sessions")} hội nghị, buổi tuyên truyền, quán triệt, tập huấn` +
      (n("propaganda_participants") ? ` với ${n("propaganda_participants")} lượt người tham dự.` : ".");
  }
  if (n("dialogues_held")) {
    result["II.3"] =
      `Tổ chức ${n("dialogues_held")} cuộc tiếp xúc, đối thoại với Nhân dân` +
      (n("petitions_received") ? `; tiếp nhận ${n("petitions_received")} phản ánh, kiến nghị.` : ".");
  }
  if (n("petitions_resolved_on_time")) {
    result["II.4"] =
      `Giải quyết đúng hạn ${n("petitions_resolved_on_time")} phản ánh, kiến nghị của người dân, doanh nghiệp.`;
  }
  if (n("unity_festivals")) {
    result["II.6"] = `Có ${n("unity_festivals")} khu dân cư tổ chức Ngày hội đại đoàn kết toàn dân tộc.`;
  }
  if (n("models_commended")) {
    result["II.8"] = `Khen thưởng ${n("models_commended")} tập thể, cá nhân, mô hình điển hình.`;
  }
  return result;
}

type Casting = "on_time" | "late" | "returned" | "draft" | "none";

export async function loadDemoReports(database: Database, tenant: Tenant): Promise<string[]> {
  return database.db.transaction(async (tx) => {
    const head = (await allPlanHeads(tx, tenant.id)).find(
      (h) => h.parentPlanId === null && h.currentVersion > 0,
    );
    if (!head) return ["Demo reports: no published plan."];
    const [row] = await tx
      .select({ period: reportPeriods, schedule: reportSchedules })
      .from(reportPeriods)
      .innerJoin(reportSchedules, eq(reportSchedules.id, reportPeriods.scheduleId))
      .where(and(eq(reportPeriods.planId, head.id), eq(reportPeriods.key, "2024")));
    if (!row) return ["Demo reports: the plan has no 2024 period."];
    const { period, schedule } = row;
    const form = (await formVersion(tx, head.id))!;
    const directory = await loadReportDirectory(tx, tenant.id);
    const random = seededRandom(SEED);
    const units = [...period.unitIds].sort((a, b) =>
      directory.name(a).localeCompare(directory.name(b), "vi"),
    );
    // Fixed cases at fixed places of the sorted list, so the demo shows each one every time.
    const casting = new Map<string, Casting>();
    const districts = units.filter((id) => directory.unit(id)?.type === "district");
    const departments = units.filter((id) => directory.unit(id)?.type === "department");
    casting.set(districts[districts.length - 1], "returned");
    casting.set(districts[1], "draft");
    casting.set(departments[departments.length - 2], "none");
    for (const id of [departments[3], departments[9], districts[4], units[units.length - 1]]) {
      if (id && !casting.has(id)) casting.set(id, "late");
    }
    const counts: Record<Casting, number> = { on_time: 0, late: 0, returned: 0, draft: 0, none: 0 };
    for (const unitId of units) {
      const cast = casting.get(unitId) ?? "on_time";
      counts[cast]++;
      if (cast === "none") continue;
      const unit = directory.unit(unitId)!;
      const notes = (
        await progressNotes(tx, directory, {
          tenantId: tenant.id,
          planId: head.id,
          unitId,
          from: period.windowStart,
          to: period.windowEnd,
        })
      ).filter((n) => n.itemCode !== schedule.source);
      const prefill = prefillFrom(notes, form.headings, form.indicators, unit.type);
      const figures = figuresFor(random, unit.type);
      const kind = NARRATIVES[unit.type] ? unit.type : "other";
      const short = unit.name.replace(/^Ủy ban nhân dân /, "");
      const values: Record<string, number | null> = {};
      for (const indicator of form.indicators) {
        if (!reportsIndicator(indicator, unit.type)) continue;
        const fromProgress = prefill.values[indicator.code];
        values[indicator.code] = fromProgress ?? figures.values[indicator.code] ?? null;
      }
      if (values.petitions_received != null) {
        values.petitions_resolved_on_time = Math.round(values.petitions_received * (0.82 + random() * 0.16));
      }
      // What an officer keeps of the pre-filled text: the narrative of the year, and a sentence of
      // the year's figures where the unit reported progress under the heading.
      const sections: Record<string, string> = {};
      for (const [code, variants] of Object.entries(NARRATIVES[kind])) {
        sections[code] = pick(random, variants)
          .replaceAll("{name}", unit.name)
          .replaceAll("{short}", short)
          .replaceAll("{a}", String(figures.a))
          .replaceAll("{b}", String(figures.b));
      }
      for (const [code, sentence] of Object.entries(yearFigures(values))) {
        if (!prefill.sections[code]) continue;
        sections[code] = sections[code] ? `${sections[code]}\n${sentence}` : sentence;
      }
      const difficulties = pick(random, DIFFICULTIES);
      const proposals = pick(random, PROPOSALS);
      const officer = `Cán bộ đầu mối · ${unit.name}`;
      const leader = `Lãnh đạo · ${unit.name}`;
      const created = addDays(period.deadline, -between(random, 14, 24));
      const sentOn =
        cast === "late"
          ? addDays(period.deadline, between(random, 2, 18))
          : addDays(period.deadline, -between(random, 0, 8));
      const first = { sections, values, difficulties, proposals };
      // The returned report's first revision lacked the Ngày hội figures and II.6.
      const firstSections = cast === "returned" ? { ...sections, "II.6": "" } : sections;
      const firstValues = cast === "returned" ? { ...values, unity_festivals: null } : values;
      const status = cast === "draft" ? "draft" : "accepted";
      const acceptedOn = addDays(sentOn, between(random, 2, 6));
      const fixedOn = addDays(period.deadline, 5);
      const [report] = await tx
        .insert(reports)
        .values({
          tenantId: tenant.id,
          planId: head.id,
          periodId: period.id,
          unitId,
          formVersion: form.version,
          status,
          revision: cast === "returned" ? 2 : 1,
          ...(cast === "draft" ? { ...first, sections: firstSections } : first),
          firstSentAt: cast === "draft" ? null : at(sentOn, 15),
          sentAt: cast === "draft" ? null : at(cast === "returned" ? fixedOn : sentOn, 15),
          late: cast === "draft" ? null : cast === "late",
          version: cast === "draft" ? 3 : cast === "returned" ? 9 : 5,
          createdAt: at(created, 8),
          updatedAt: at(
            cast === "returned" ? addDays(fixedOn, 2) : cast === "draft" ? created : acceptedOn,
            10,
          ),
        })
        .returning();
      const events: (typeof reportEvents.$inferInsert)[] = [];
      const step = (
        revision: number,
        action: string,
        from: string | null,
        to: string | null,
        actor: string,
        when: Date,
        extra = {},
      ) =>
        events.push({
          tenantId: tenant.id,
          reportId: report.id,
          revision,
          action,
          statusFrom: from,
          statusTo: to,
          actorName: actor,
          at: when,
          ...extra,
        });
      step(1, "created", null, "draft", officer, at(created, 8));
      step(1, "saved", null, null, officer, at(addDays(created, 3), 16));
      if (cast === "draft") {
        await tx.insert(reportEvents).values(events);
        continue;
      }
      const revision = (n: number, on: string, content: typeof first) =>
        tx.insert(reportRevisions).values({
          tenantId: tenant.id,
          reportId: report.id,
          revision: n,
          formVersion: form.version,
          ...content,
          sentAt: at(on, 15),
          late: cast === "late",
          sentByName: leader,
        });
      step(1, "submit", "draft", "pending_approval", officer, at(addDays(sentOn, -1), 10));
      step(1, "send", "pending_approval", "sent", leader, at(sentOn, 15));
      await revision(1, sentOn, { ...first, sections: firstSections, values: firstValues });
      step(1, "receive", "sent", "received", COORDINATOR, at(addDays(sentOn, 1), 9));
      if (cast === "returned") {
        step(1, "return", "received", "returned", COORDINATOR, at(addDays(sentOn, 2), 14), {
          comment: "Báo cáo chưa phản ánh kết quả Ngày hội đại đoàn kết toàn dân tộc; đề nghị bổ sung.",
          sectionComments: {
            "II.6":
              "Bổ sung kết quả tổ chức Ngày hội đại đoàn kết ở khu dân cư và việc vận động xây nhà Đại đoàn kết.",
            values: "Chỉ tiêu “Khu dân cư tổ chức Ngày hội đại đoàn kết” còn để trống.",
          },
        });
        step(2, "reopened", "returned", "draft", officer, at(addDays(fixedOn, -1), 8));
        step(2, "saved", null, null, officer, at(addDays(fixedOn, -1), 11), { comment: "II.6, values" });
        step(2, "send", "draft", "sent", leader, at(fixedOn, 15));
        await revision(2, fixedOn, first);
        step(2, "accept", "sent", "accepted", COORDINATOR, at(addDays(fixedOn, 2), 10));
      } else {
        step(1, "accept", "received", "accepted", COORDINATOR, at(acceptedOn, 10));
      }
      await tx.insert(reportEvents).values(events);
    }
    // Two difficulties raised with the reports: one decided by UBND tỉnh, one still open.
    const [first, second] = units.filter((id) => (casting.get(id) ?? "on_time") === "on_time");
    const toUnit = schedule.toUnitId;
    await tx.insert(escalations).values([
      {
        tenantId: tenant.id,
        planId: head.id,
        periodId: period.id,
        unitId: first,
        kind: "proposal",
        title: "Bố trí kinh phí riêng thực hiện Kế hoạch từ năm 2025",
        body: "Các hoạt động tuyên truyền, Ngày hội đại đoàn kết hiện chủ yếu lồng ghép kinh phí; đề nghị UBND tỉnh giao Sở Tài chính bố trí dự toán riêng.",
        status: "decided",
        ownerUnitId: toUnit,
        dueOn: "2025-01-31",
        decision: "Giao Sở Tài chính tổng hợp nhu cầu, tham mưu bố trí trong dự toán năm 2025.",
        decidedAt: at("2025-01-20", 10),
        decidedByName: "Đặng Quốc Lãnh Đạo (lanhdao.tinh)",
        raisedByName: `Lãnh đạo · ${directory.name(first)}`,
        createdAt: at(addDays(period.deadline, -3), 15),
      },
      {
        tenantId: tenant.id,
        planId: head.id,
        periodId: period.id,
        unitId: second,
        kind: "difficulty",
        title: "Chưa có tiêu chí thống nhất đánh giá kết quả thực hiện ở cơ sở",
        body: "Đề nghị Sở Nội vụ hướng dẫn tiêu chí, cách tính các chỉ tiêu báo cáo để số liệu giữa các đơn vị so sánh được.",
        status: "open",
        ownerUnitId: schedule.viaUnitId,
        dueOn: "2025-03-31",
        raisedByName: `Lãnh đạo · ${directory.name(second)}`,
        createdAt: at(addDays(period.deadline, -2), 15),
      },
    ]);
    await recordAudit(tx, {
      tenantId: tenant.id,
      actor: { userId: null, name: "demo loader" },
      action: "demo.reports",
      entityType: "report_period",
      entityId: period.id,
      after: counts,
    });
    return [
      `Demo reports ${period.labelVi}: ${units.length} units expected; ${counts.on_time} on time, ${counts.late} late, ` +
        `${counts.returned} returned and sent again, ${counts.draft} left as a draft, ${counts.none} never opened.`,
    ];
  });
}
