// Longer than 400 lines: most of it is the demo's dialogues, questions and consultations written out as data.
import type { Database, Tx } from "../server/db/connection.ts";
import type { Tenant } from "../server/http/context.ts";
import { addDays } from "../server/lib/calendar/index.ts";
import { clock } from "../server/lib/clock.ts";
import { recordAudit } from "../server/modules/audit/service.ts";
import { findUserByUsername } from "../server/modules/auth/users.ts";
import {
  consultationComments,
  consultationSections,
  consultations,
} from "../server/modules/consultations/tables.ts";
import { dialogueCommitments, dialogueQuestions, dialogues } from "../server/modules/dialogues/tables.ts";
import { listUnits } from "../server/modules/orgs/service.ts";

/**
 * Demo data for dialogues and public consultation — invented, not a record of real events: the
 * places are real Kiên Giang / An Giang places, the people are not real (fictional names, phone
 * numbers of the unassigned 0900 000 xxx range). Four dialogues from October 2024 to a few weeks
 * ahead (the 2024 one hosted by the Kiên Giang units of the time), with questions, minutes and
 * commitments — done, open and one overdue — and one consultation on a draft plan for
 * grassroots democracy, open today, with comments from citizens, a department and the Front,
 * some answered. Rows are written as the services would leave them, on their own dates.
 */

const DEMO = "[Dữ liệu minh họa] ";

const AUDIT_ACTOR = { userId: null, name: "demo loader" };

const at = (day: string, time = "08:00") => new Date(`${day}T${time}:00+07:00`);

export async function loadDemoCivic(database: Database, tenant: Tenant): Promise<string[]> {
  const db = database.db;
  const today = clock.today();
  const coordinator = await findUserByUsername(db, tenant.id, "dieuphoi");
  const unitsOn = async (day: string) =>
    new Map(
      (await listUnits(db, tenant.id, { asOf: day })).filter((u) => u.code).map((u) => [u.code!, u.id]),
    );
  const in2024 = await unitsOn("2024-10-15");
  const now = await unitsOn(today);
  const need = (map: Map<string, string>, code: string) => {
    const id = map.get(code);
    if (!id) throw new Error(`demo civic: no unit with code ${code}`);
    return id;
  };
  const by = coordinator?.id ?? null;
  let phone = 0;
  const contact = (name: string) => ({
    askerName: name,
    askerPhone: `+849000001${String(++phone).padStart(2, "0")}`,
  });

  await db.transaction(async (raw) => {
    const tx = raw as Tx;
    const dialogue = async (row: Omit<typeof dialogues.$inferInsert, "tenantId">) =>
      (
        await tx
          .insert(dialogues)
          .values({ ...row, tenantId: tenant.id, createdBy: by })
          .returning({ id: dialogues.id })
      )[0].id;
    const question = async (row: Omit<typeof dialogueQuestions.$inferInsert, "tenantId">) =>
      (
        await tx
          .insert(dialogueQuestions)
          .values({ ...row, tenantId: tenant.id })
          .returning({ id: dialogueQuestions.id })
      )[0].id;
    const commitment = (row: Omit<typeof dialogueCommitments.$inferInsert, "tenantId">) =>
      tx.insert(dialogueCommitments).values({ ...row, tenantId: tenant.id, createdBy: by });

    // 1. October 2024, Kiên Giang: compensation and resettlement, Rạch Giá. Everything closed.
    const d1 = await dialogue({
      title: "Đối thoại giữa Chủ tịch UBND tỉnh với Nhân dân về bồi thường, hỗ trợ, tái định cư",
      topic:
        "Bồi thường, hỗ trợ, tái định cư dự án Khu đô thị mới lấn biển Tây Bắc và tuyến đường ven biển Rạch Giá.",
      leader: "Chủ tịch UBND tỉnh Kiên Giang",
      place: "Hội trường UBND thành phố Rạch Giá, 20 đường Nguyễn Trung Trực",
      startsAt: at("2024-10-15"),
      hostUnitId: need(in2024, "UBND"),
      communeIds: [need(in2024, "899")],
      status: "held",
      minutes: `${DEMO}Biên bản đối thoại ngày 15/10/2024. Dự: 142 hộ dân, đại diện Sở Tài nguyên và Môi trường, Sở Xây dựng, UBND thành phố Rạch Giá. Có 11 ý kiến phát biểu, tập trung vào đơn giá bồi thường đất nông nghiệp và tiến độ giao nền tái định cư. Chủ tịch UBND tỉnh kết luận giao các sở rà soát, trả lời bằng văn bản trong tháng 11/2024.`,
      version: 3,
      updatedAt: at("2024-10-16"),
    });
    const q1 = await question({
      dialogueId: d1,
      channel: "portal",
      text: "Gia đình tôi bị thu hồi 300 m² đất nông nghiệp, đơn giá bồi thường thấp hơn giá thị trường nhiều. Đề nghị tỉnh xem xét lại đơn giá.",
      ...contact("Nguyễn Văn Hỏi"),
      status: "published",
      moderatedBy: by,
      moderatedAt: at("2024-10-10"),
      answer:
        "Giao Sở Tài nguyên và Môi trường phối hợp UBND thành phố Rạch Giá rà soát hệ số điều chỉnh giá đất của dự án, trả lời bằng văn bản trước ngày 30/11/2024.",
      answeredAt: at("2024-10-15", "10:30"),
      createdAt: at("2024-10-05"),
    });
    await question({
      dialogueId: d1,
      channel: "staff",
      text: "Khi nào giao nền tái định cư cho các hộ đã bàn giao mặt bằng từ năm 2022?",
      askerName: "Đại diện các hộ khu phố 4",
      status: "published",
      moderatedBy: by,
      moderatedAt: at("2024-10-15", "09:40"),
      answer:
        "Sở Xây dựng đôn đốc chủ đầu tư hoàn thành hạ tầng, tổ chức bốc thăm giao nền trong quý I/2025.",
      answeredAt: at("2024-10-15", "10:45"),
      createdAt: at("2024-10-15", "09:40"),
    });
    await commitment({
      dialogueId: d1,
      questionId: q1,
      text: "Rà soát hệ số điều chỉnh giá đất của dự án và trả lời bằng văn bản cho các hộ dân.",
      ownerUnitId: need(in2024, "STNMT"),
      dueDate: "2024-11-30",
      status: "done",
      closingNote: "Đã ban hành văn bản trả lời ngày 25/11/2024; điều chỉnh tăng hệ số K cho 38 thửa đất.",
      closedAt: at("2024-11-25"),
      closedBy: by,
      createdAt: at("2024-10-16"),
    });
    await commitment({
      dialogueId: d1,
      text: "Tổ chức bốc thăm, giao nền tái định cư cho các hộ đã bàn giao mặt bằng.",
      ownerUnitId: need(in2024, "SXD"),
      dueDate: "2025-03-31",
      status: "done",
      closingNote: "Đã giao 64 nền tái định cư ngày 20/3/2025.",
      closedAt: at("2025-03-20"),
      closedBy: by,
      createdAt: at("2024-10-16"),
    });

    // 2. November 2025, An Giang: water in the dry season, Phú Quốc. One done, one overdue, one open.
    const d2 = await dialogue({
      title: "Đối thoại với Nhân dân đặc khu Phú Quốc về cấp nước sinh hoạt mùa khô",
      topic:
        "Cấp nước sinh hoạt cho các khu dân cư ở Hàm Ninh, Bãi Thơm và Gành Dầu trong mùa khô 2025–2026.",
      leader: "Phó Chủ tịch UBND tỉnh An Giang",
      place: "Nhà văn hóa đặc khu Phú Quốc",
      startsAt: at("2025-11-20", "14:00"),
      hostUnitId: need(now, "31078"),
      communeIds: [need(now, "31078")],
      status: "held",
      minutes: `${DEMO}Biên bản đối thoại chiều 20/11/2025. Dự: 96 người dân, đại diện Sở Nông nghiệp và Môi trường, Sở Xây dựng. Người dân phản ánh tình trạng thiếu nước vào tháng 3–4 hằng năm; lãnh đạo tỉnh cam kết ba việc cụ thể có thời hạn.`,
      version: 2,
      updatedAt: at("2025-11-21"),
    });
    const q2 = await question({
      dialogueId: d2,
      channel: "portal",
      text: "Ấp tôi ở Bãi Thơm chưa có đường ống nước máy, mùa khô phải mua nước 150.000 đồng/m³. Khi nào có nước máy?",
      ...contact("Lê Thị Góp Ý"),
      status: "published",
      moderatedBy: by,
      moderatedAt: at("2025-11-15"),
      answer: "Tỉnh giao Sở Xây dựng hoàn thành tuyến ống cấp nước Bãi Thơm giai đoạn 1 trước mùa khô 2026.",
      answeredAt: at("2025-11-20", "15:10"),
      createdAt: at("2025-11-12"),
    });
    await question({
      dialogueId: d2,
      channel: "portal",
      text: "Quảng cáo máy lọc nước giá rẻ, liên hệ ngay!",
      ...contact("Phạm Văn Ý Kiến"),
      status: "rejected",
      rejectReason: "off_topic",
      moderatedBy: by,
      moderatedAt: at("2025-11-15"),
      createdAt: at("2025-11-14"),
    });
    await commitment({
      dialogueId: d2,
      questionId: q2,
      text: "Hoàn thành tuyến ống cấp nước Bãi Thơm giai đoạn 1 (4,2 km).",
      ownerUnitId: need(now, "SXD"),
      dueDate: "2026-02-28",
      status: "done",
      closingNote: "Đã đưa vào sử dụng ngày 26/02/2026, cấp nước cho 210 hộ.",
      closedAt: at("2026-02-26"),
      closedBy: by,
      createdAt: at("2025-11-21"),
    });
    await commitment({
      dialogueId: d2,
      text: "Lắp đặt 5 trạm lọc nước mặn công suất nhỏ cho các điểm dân cư chưa có đường ống tại Hàm Ninh.",
      ownerUnitId: need(now, "SNNMT"),
      dueDate: "2026-04-30",
      status: "open",
      createdAt: at("2025-11-21"),
    });
    await commitment({
      dialogueId: d2,
      text: "Xây dựng phương án cấp nước bằng xe bồn miễn phí trong các tháng cao điểm mùa khô.",
      ownerUnitId: need(now, "31078"),
      dueDate: addDays(today, 45),
      status: "open",
      createdAt: at("2025-11-21"),
    });

    // 3. Two months ago: young people and jobs, Rạch Giá. One commitment open.
    const heldOn = addDays(today, -60);
    const d3 = await dialogue({
      title: "Đối thoại với đoàn viên, thanh niên phường Rạch Giá về việc làm và học nghề",
      topic: "Việc làm, học nghề và vay vốn khởi nghiệp cho thanh niên.",
      leader: "Chủ tịch UBND phường Rạch Giá",
      place: "Nhà Thiếu nhi phường Rạch Giá",
      startsAt: at(heldOn, "08:00"),
      hostUnitId: need(now, "30742"),
      communeIds: [need(now, "30742")],
      status: "held",
      minutes: `${DEMO}Biên bản đối thoại sáng ${heldOn.split("-").reverse().join("/")}. Dự: 180 đoàn viên, thanh niên. Có 7 ý kiến về học nghề và vốn vay.`,
      version: 2,
      updatedAt: at(heldOn, "17:00"),
    });
    await question({
      dialogueId: d3,
      channel: "portal",
      text: "Thanh niên muốn vay vốn mở cơ sở sửa chữa xe máy thì thủ tục thế nào, có cần tài sản thế chấp không?",
      ...contact("Trần Văn Thanh Niên"),
      status: "published",
      moderatedBy: by,
      moderatedAt: at(addDays(heldOn, -2)),
      answer:
        "Khoản vay đến 100 triệu đồng qua Ngân hàng Chính sách xã hội không cần tài sản bảo đảm; phường sẽ hướng dẫn hồ sơ.",
      answeredAt: at(heldOn, "09:30"),
      createdAt: at(addDays(heldOn, -5)),
    });
    await commitment({
      dialogueId: d3,
      text: "Tổ chức ngày hội tư vấn việc làm, học nghề cho thanh niên của phường.",
      ownerUnitId: need(now, "30742"),
      dueDate: addDays(today, 20),
      status: "open",
      createdAt: at(heldOn, "17:00"),
    });

    // 4. In two weeks: the periodic dialogue of the Provincial Chairman, Hà Tiên. Questions coming in.
    const d4 = await dialogue({
      title: "Đối thoại định kỳ giữa Chủ tịch UBND tỉnh với Nhân dân khu vực Hà Tiên – Kiên Lương",
      topic:
        "Cải cách thủ tục hành chính, chuyển đổi số ở cấp xã sau sắp xếp đơn vị hành chính; đất đai và môi trường.",
      leader: "Chủ tịch UBND tỉnh An Giang",
      place: "Hội trường UBND phường Hà Tiên",
      startsAt: at(addDays(today, 14), "08:00"),
      hostUnitId: need(now, "UBND"),
      communeIds: [need(now, "30769"), need(now, "30787")],
      status: "scheduled",
      version: 1,
    });
    await question({
      dialogueId: d4,
      channel: "portal",
      text: "Sau khi bỏ cấp huyện, người dân xã Kiên Lương nộp hồ sơ đất đai ở đâu, mất bao lâu?",
      ...contact("Võ Văn Hỏi Thăm"),
      status: "published",
      moderatedBy: by,
      moderatedAt: at(addDays(today, -1)),
      createdAt: at(addDays(today, -3)),
    });
    await question({
      dialogueId: d4,
      channel: "portal",
      text: "Đề nghị cho biết kế hoạch nạo vét kênh Rạch Giá – Hà Tiên đoạn qua phường Hà Tiên.",
      ...contact("Huỳnh Thị Đề Nghị"),
      createdAt: at(addDays(today, -1)),
    });
    await question({
      dialogueId: d4,
      channel: "portal",
      text: "Dịch vụ công trực tuyến hay bị lỗi khi thanh toán phí, tôi đã gọi 0900000199 nhưng không ai nghe.",
      ...contact("Đặng Văn Phản Ánh"),
      // Early this morning, or just now when the day is younger than that: never after now.
      createdAt: new Date(Math.min(at(today, "07:30").getTime(), clock.nowMs() - 5 * 60_000)),
    });

    // The consultation: a draft plan on grassroots democracy, open today.
    const [c] = await tx
      .insert(consultations)
      .values({
        tenantId: tenant.id,
        title: "Dự thảo Kế hoạch thực hiện Luật Thực hiện dân chủ ở cơ sở trên địa bàn tỉnh năm 2027",
        summary: `${DEMO}Sở Nội vụ lấy ý kiến Nhân dân, các cơ quan, đơn vị và Ủy ban MTTQ Việt Nam tỉnh đối với dự thảo kế hoạch.`,
        draftingUnitId: need(now, "SNV"),
        opensOn: addDays(today, -10),
        closesOn: addDays(today, 20),
        status: "published",
        publishedAt: at(addDays(today, -10)),
        version: 3,
        createdBy: by,
        createdAt: at(addDays(today, -14)),
      })
      .returning({ id: consultations.id });
    const sectionTexts = [
      [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Phát huy quyền làm chủ của Nhân dân theo phương châm “Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”.\n2. Gắn thực hiện dân chủ ở cơ sở với cải cách hành chính và chuyển đổi số.",
      ],
      [
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Công khai thông tin theo Điều 11 Luật Thực hiện dân chủ ở cơ sở.\n2. Tổ chức đối thoại định kỳ giữa người đứng đầu cấp xã với Nhân dân ít nhất mỗi năm một lần.\n3. Lấy ý kiến Nhân dân đối với các dự án đầu tư công trên địa bàn.",
      ],
      [
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ là cơ quan đầu mối, theo dõi, đôn đốc, tổng hợp kết quả.\n2. UBND các xã, phường, đặc khu xây dựng kế hoạch thực hiện trước ngày 31/01/2027.",
      ],
      ["IV. KINH PHÍ", "Kinh phí thực hiện từ nguồn ngân sách nhà nước theo phân cấp hiện hành."],
    ];
    const sectionIds: string[] = [];
    for (const [i, [heading, text]] of sectionTexts.entries()) {
      const [s] = await tx
        .insert(consultationSections)
        .values({ tenantId: tenant.id, consultationId: c.id, position: i + 1, heading, text })
        .returning({ id: consultationSections.id });
      sectionIds.push(s.id);
    }
    const comment = (row: Omit<typeof consultationComments.$inferInsert, "tenantId" | "consultationId">) =>
      tx.insert(consultationComments).values({ ...row, tenantId: tenant.id, consultationId: c.id });
    const citizen = (name: string) => ({
      channel: "portal",
      authorKind: "citizen",
      authorName: name,
      authorPhone: `+849000002${String(++phone).padStart(2, "0")}`,
    });
    await comment({
      sectionId: sectionIds[1],
      ...citizen("Nguyễn Thị Góp Ý"),
      text: "Đề nghị quy định đối thoại mỗi năm hai lần ở các xã đông dân, và cho người dân gửi câu hỏi trước qua mạng.",
      status: "published",
      moderatedBy: by,
      moderatedAt: at(addDays(today, -7)),
      result: "partly",
      explanation:
        "Tiếp thu việc nhận câu hỏi trước qua Cổng thông tin; giữ tần suất tối thiểu mỗi năm một lần theo Luật, các xã có thể tổ chức thêm.",
      answeredBy: by,
      answeredAt: at(addDays(today, -3)),
      createdAt: at(addDays(today, -8)),
    });
    await comment({
      sectionId: sectionIds[2],
      channel: "staff",
      authorKind: "unit",
      authorName: "Sở Tư pháp tỉnh An Giang",
      text: "Đề nghị bổ sung nhiệm vụ phổ biến, giáo dục pháp luật về dân chủ ở cơ sở cho cán bộ cấp xã mới sau sắp xếp.",
      status: "published",
      moderatedBy: by,
      moderatedAt: at(addDays(today, -6)),
      result: "accepted",
      explanation: "Tiếp thu, bổ sung vào điểm 3 mục III của dự thảo.",
      answeredBy: by,
      answeredAt: at(addDays(today, -2)),
      createdAt: at(addDays(today, -6)),
    });
    await comment({
      sectionId: sectionIds[2],
      channel: "staff",
      authorKind: "front",
      authorName: "Ủy ban MTTQ Việt Nam tỉnh An Giang",
      text: "Đề nghị nêu rõ vai trò giám sát của Ban Thanh tra nhân dân và Mặt trận cấp xã trong việc thực hiện kế hoạch.",
      status: "published",
      moderatedBy: by,
      moderatedAt: at(addDays(today, -4)),
      createdAt: at(addDays(today, -4)),
    });
    await comment({
      sectionId: sectionIds[3],
      ...citizen("Lê Văn Đóng Góp"),
      text: "Đề nghị tỉnh hỗ trợ kinh phí cho mỗi ấp 50 triệu đồng để tổ chức họp dân.",
      status: "published",
      moderatedBy: by,
      moderatedAt: at(addDays(today, -5)),
      result: "not_accepted",
      explanation:
        "Kinh phí họp dân do ngân sách cấp xã bảo đảm theo phân cấp; không quy định mức hỗ trợ cố định trong kế hoạch.",
      answeredBy: by,
      answeredAt: at(addDays(today, -1)),
      createdAt: at(addDays(today, -5)),
    });
    await comment({
      sectionId: sectionIds[0],
      ...citizen("Phạm Thị Ý Kiến"),
      text: "Nên có thêm chỉ tiêu cụ thể về tỷ lệ người dân tham gia góp ý các dự án ở địa phương.",
      createdAt: at(addDays(today, -1)),
    });
    await comment({
      sectionId: sectionIds[0],
      ...citizen("Trần Văn Bình Luận"),
      text: "Cán bộ xã tôi làm việc quá tệ, toàn người vô dụng!!!",
      status: "rejected",
      rejectReason: "offensive",
      moderatedBy: by,
      moderatedAt: at(addDays(today, -2)),
      createdAt: at(addDays(today, -2)),
    });

    await recordAudit(tx, {
      tenantId: tenant.id,
      actor: AUDIT_ACTOR,
      action: "demo.civic",
      entityType: "tenant",
      entityId: tenant.id,
      after: { dialogues: 4, consultations: 1 },
    });
  });
  return [
    "Dialogues and consultation (demo data): 4 dialogues (2024–2026) with questions and commitments, 1 open consultation.",
  ];
}
