import { eq } from "drizzle-orm";
import type { PetitionDeps } from "./deps.ts";
import { allUnits } from "./directory.ts";
import type { PetitionMail } from "./jobs.ts";
import { unitStaff } from "./notices.ts";
import { petitionClocks, petitions } from "./tables.ts";

/**
 * The module's e-mails, built from ids when they are sent (a queued job carries ids only).
 * Officers' mails name the case by its tracking code and its deadline, never the petitioner;
 * the citizen's mails carry their own case's answer.
 */
export function statusPageUrl(publicUrl: string, trackingCode: string): string {
  return `${publicUrl}/phan-anh/tra-cuu/${encodeURIComponent(trackingCode)}`;
}

const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export async function sendPetitionMail(deps: PetitionDeps, mail: PetitionMail): Promise<void> {
  const db = deps.database.db;
  const base = deps.config.publicUrl;
  if (mail.type === "clock-warning") {
    const [found] = await db
      .select({ clock: petitionClocks, petition: petitions })
      .from(petitionClocks)
      .innerJoin(petitions, eq(petitions.id, petitionClocks.petitionId))
      .where(eq(petitionClocks.id, mail.clockId));
    if (found?.clock.status !== "running") return;
    const { clock, petition } = found;
    const recipients = petition.assignedUnitId
      ? await unitStaff(db, petition.tenantId, petition.assignedUnitId, { coordinators: mail.threshold < 0 })
      : await unitStaff(db, petition.tenantId, "", { coordinators: true });
    const to = recipients.map((r) => r.email).filter((email): email is string => !!email);
    if (to.length === 0) return;
    const units = await allUnits(db, petition.tenantId);
    const unit = petition.assignedUnitId
      ? (units.get(petition.assignedUnitId)?.name ?? "")
      : "chưa chuyển đơn vị";
    const overdue = mail.threshold < 0;
    await deps.mailer.send({
      to,
      subject: overdue
        ? `[Quá hạn] ${petition.trackingCode}: đã quá hạn ${vnDate(clock.dueDate)}`
        : `[Sắp đến hạn] ${petition.trackingCode}: hạn ${vnDate(clock.dueDate)}`,
      text: [
        overdue
          ? `Hồ sơ ${petition.trackingCode} (${unit}) đã quá hạn xử lý ngày ${vnDate(clock.dueDate)}.`
          : `Hồ sơ ${petition.trackingCode} (${unit}) đến hạn xử lý ngày ${vnDate(clock.dueDate)} (còn ${mail.threshold} ngày làm việc hoặc ít hơn).`,
        `Căn cứ: ${clock.basis}.`,
        `Xem hồ sơ: ${base}/petitions/${petition.id}`,
        "",
        overdue
          ? `Petition ${petition.trackingCode} is overdue since ${clock.dueDate}.`
          : `Petition ${petition.trackingCode} is due on ${clock.dueDate}.`,
      ].join("\n"),
    });
    return;
  }
  const [petition] = await db.select().from(petitions).where(eq(petitions.id, mail.petitionId));
  if (!petition?.contactEmail) return;
  const link = statusPageUrl(base, petition.trackingCode);
  if (mail.type === "answer") {
    await deps.mailer.send({
      to: petition.contactEmail,
      subject: `Trả lời phản ánh, kiến nghị ${petition.trackingCode}`,
      text: [
        `Kính gửi ông/bà ${petition.contactName},`,
        "",
        `Cơ quan có thẩm quyền đã trả lời hồ sơ ${petition.trackingCode} của ông/bà:`,
        "",
        petition.answerDraft ?? petition.answerPublic ?? "",
        "",
        `Theo dõi và đánh giá mức độ hài lòng: ${link}`,
        "",
        `Your petition ${petition.trackingCode} has been answered; see and rate the answer at ${link}`,
      ].join("\n"),
    });
    return;
  }
  await deps.mailer.send({
    to: petition.contactEmail,
    subject: `Vấn đề của ông/bà đã được giải quyết chưa? (${petition.trackingCode})`,
    text: [
      `Kính gửi ông/bà ${petition.contactName},`,
      "",
      `Hồ sơ ${petition.trackingCode} đã đóng được một thời gian. Xin ông/bà cho biết vấn đề đã thực sự được giải quyết hay chưa: ${link}`,
      "",
      `Was the matter of petition ${petition.trackingCode} actually resolved? Tell us at ${link}`,
    ].join("\n"),
  });
}
