import { eq } from "drizzle-orm";
import type { PetitionDeps } from "./deps.ts";
import type { PetitionMail } from "./jobs.ts";
import { petitions } from "./tables.ts";

/**
 * The citizen's e-mails, built from ids when they are sent (a queued job carries ids only): they
 * carry their own case's answer. Officers are told through notifications' `notify`.
 */
export function statusPageUrl(publicUrl: string, trackingCode: string): string {
  return `${publicUrl}/phan-anh/tra-cuu/${encodeURIComponent(trackingCode)}`;
}

export async function sendPetitionMail(deps: PetitionDeps, mail: PetitionMail): Promise<void> {
  const db = deps.database.db;
  const base = deps.config.publicUrl;
  // A clock warning queued before officers' notices moved to `notify` carries no petition: the
  // daily check has told the unit through the bell and the outbox since.
  if (typeof mail.petitionId !== "string") return;
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
