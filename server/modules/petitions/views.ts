import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { shownActor, systemActor } from "../../../common/actors.ts";
import type { Locale } from "../../../common/enums.ts";
import type { Localized } from "../../../common/localized.ts";
import type {
  Clock,
  ClockFlag,
  PetitionDetail,
  PetitionKind,
  PetitionStatus,
  PublicClock,
  PublicPetitionView,
} from "../../../common/schemas/petitions.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { recordAudit } from "../audit/service.ts";
import type { Actor } from "../auth/actor.ts";
import { may } from "../authorize.ts";
import { formatVietnamesePhone, maskPersonalData } from "../intake/public.ts";
import type { PetitionRow } from "./access.ts";
import { allUnits } from "./directory.ts";
import { type ClockView, summarize } from "./list.ts";
import { allowedActions, type PetitionResource } from "./policy.ts";
import {
  petitionAccessLog,
  petitionClocks,
  petitionEvents,
  petitionExtensions,
  petitions,
} from "./tables.ts";
import { trackingHash } from "./tracking.ts";
import { listAttachments } from "./uploads.ts";

/** Stands in for "no petition" so that a miss runs the very queries a hit does. */
const NO_PETITION = "00000000-0000-0000-0000-000000000000";

type ClockRow = typeof petitionClocks.$inferSelect;

function publicClock(row: ClockRow, today: string): PublicClock {
  return {
    purpose: row.purpose as PublicClock["purpose"],
    startsFrom: row.startsFrom as PublicClock["startsFrom"],
    startDate: row.startDate,
    dueDate: row.dueDate,
    unit: row.unit as PublicClock["unit"],
    days: row.baseDays + row.extendedDays,
    basis: row.basis,
    status: row.status as PublicClock["status"],
    metDate: row.metDate,
    overdue:
      row.status === "running" ? row.dueDate < today : row.status === "met" && row.metDate! > row.dueDate,
  };
}

/** Writes who read which personal fields of a petition, and why (Nghị định 13/2023). */
export async function logAccess(
  db: DbOrTx,
  entry: {
    tenantId: string;
    petitionId: string;
    userId: string | null;
    name: string;
    purpose: string;
    fields: string[];
  },
) {
  if (entry.fields.length === 0) return;
  // The citizen sees this log on their case ("who read my data"); the audit trail keeps the same
  // read under its keyed chain, where it cannot be taken back.
  await db.transaction(async (tx) => {
    await tx.insert(petitionAccessLog).values({
      tenantId: entry.tenantId,
      petitionId: entry.petitionId,
      userId: entry.userId,
      actorName: entry.name,
      purpose: entry.purpose,
      fields: entry.fields,
    });
    await recordAudit(tx, {
      tenantId: entry.tenantId,
      actor: { userId: entry.userId, name: entry.name },
      action: "petition.read_personal",
      entityType: "petition",
      entityId: entry.petitionId,
      after: { purpose: entry.purpose, fields: entry.fields },
    });
  });
}

/**
 * The staff view. Personal data only for those who handle the case (policy), and each such
 * read is logged with the fields it showed; the others get the same page masked.
 */
export async function petitionDetail(
  db: DbOrTx,
  actor: Actor,
  row: PetitionRow,
  resource: PetitionResource,
  today: string,
  clockView?: ClockView,
  locale: Locale = "vi",
): Promise<PetitionDetail> {
  const personal = may(actor, "petitions.personalData", resource);
  const [summary] = await summarize(db, row.tenantId, [row], today, clockView);
  const units = await allUnits(db, row.tenantId);
  const unitName = (id: string | null) => (id ? (units.get(id)?.name ?? null) : null);
  const [clockRows, events, attachments] = await Promise.all([
    db
      .select()
      .from(petitionClocks)
      .where(eq(petitionClocks.petitionId, row.id))
      .orderBy(asc(petitionClocks.createdAt)),
    db
      .select()
      .from(petitionEvents)
      .where(eq(petitionEvents.petitionId, row.id))
      .orderBy(asc(petitionEvents.at)),
    listAttachments(db, row.tenantId, row.id),
  ]);
  const extensions = clockRows.length
    ? await db
        .select()
        .from(petitionExtensions)
        .where(
          inArray(
            petitionExtensions.clockId,
            clockRows.map((c) => c.id),
          ),
        )
        .orderBy(asc(petitionExtensions.createdAt))
    : [];
  const drafted = events.filter((e) => e.type === "answer_drafted").at(-1);
  const clocks: Clock[] = clockRows.map((clock) => ({
    ...publicClock(clock, today),
    id: clock.id,
    ruleKey: clock.ruleKey,
    flags: clock.flags as ClockFlag[],
    check: clock.checkNote,
    extensions: extensions
      .filter((e) => e.clockId === clock.id)
      .map((e) => ({
        days: e.days,
        reason: e.reason,
        decisionNumber: e.decisionNumber,
        decidedBy: e.decidedByName,
        at: e.createdAt.toISOString(),
      })),
  }));
  const mask = (text: string) =>
    personal ? text : maskPersonalData(text, { knownNames: [row.contactName] });
  if (personal) {
    const fields = ["contact.name", "text"];
    if (row.contactPhone) fields.push("contact.phone");
    if (row.contactEmail) fields.push("contact.email");
    if (attachments.length > 0) fields.push("attachments");
    await logAccess(db, {
      tenantId: row.tenantId,
      petitionId: row.id,
      userId: actor.userId,
      name: `${actor.displayName} (${actor.username})`,
      purpose: "staff.detail",
      fields,
    });
  }
  return {
    ...summary,
    text: mask(row.text),
    flags: row.flags as ClockFlag[],
    communeId: row.communeId,
    mergedIntoId: row.mergedIntoId,
    personalData: personal,
    contact: personal
      ? {
          name: row.contactName,
          phone: row.contactPhone ? formatVietnamesePhone(row.contactPhone) : null,
          email: row.contactEmail,
        }
      : null,
    attachments: personal ? attachments : [],
    clocks,
    events: events.map((event) => ({
      at: event.at.toISOString(),
      type: event.type,
      actor: shownActor(event.actorUserId, event.actorName, locale),
      fromUnit: unitName(event.fromUnitId),
      toUnit: unitName(event.toUnitId),
      note: event.note === null ? null : mask(event.note),
    })),
    answer:
      row.answerDraft !== null || row.answerPublic !== null
        ? {
            text: mask(row.answerDraft ?? row.answerPublic!),
            status: row.answerPublishedAt ? "published" : "draft",
            draftedBy: drafted ? shownActor(drafted.actorUserId, drafted.actorName, locale) : null,
            publishedText: row.answerPublic,
            publishedAt: row.answerPublishedAt?.toISOString() ?? null,
          }
        : null,
    closeReason: row.closeReason === null ? null : mask(row.closeReason),
    rating:
      row.ratingScore === null
        ? null
        : { score: row.ratingScore, comment: row.ratingComment && mask(row.ratingComment) },
    followUp:
      row.followUpResolved === null
        ? null
        : { resolved: row.followUpResolved, comment: row.followUpComment && mask(row.followUpComment) },
    allowed: allowedActions(actor, resource),
  };
}

/**
 * What anyone with the tracking code sees. A hit and a miss run the same three queries — the
 * petition by the hash of its code (one unique index), then its clocks and its public events
 * by id, a made-up id for a miss — so the time taken does not tell a real code from a guess.
 */
export async function publicView(
  db: DbOrTx,
  tenantId: string,
  code: string,
  today: string,
): Promise<PublicPetitionView | null> {
  const [row] = await db
    .select()
    .from(petitions)
    .where(and(eq(petitions.tenantId, tenantId), eq(petitions.trackingHash, trackingHash(code))));
  const id = row?.id ?? NO_PETITION;
  const [clocks, events] = await Promise.all([
    db
      .select()
      .from(petitionClocks)
      .where(eq(petitionClocks.petitionId, id))
      .orderBy(asc(petitionClocks.createdAt)),
    db
      .select()
      .from(petitionEvents)
      .where(and(eq(petitionEvents.petitionId, id), eq(petitionEvents.public, true)))
      .orderBy(asc(petitionEvents.at)),
  ]);
  const units = await allUnits(db, tenantId);
  if (!row) return null;
  const unitName = (unitId: string | null) => (unitId ? (units.get(unitId)?.name ?? null) : null);
  let answer =
    row.answerPublic && row.answerPublishedAt
      ? { text: row.answerPublic, publishedAt: row.answerPublishedAt.toISOString() }
      : null;
  if (row.status === "merged" && row.mergedIntoId) {
    // Answered together with the petition it was merged into: its published answer holds.
    const [survivor] = await db
      .select({ text: petitions.answerPublic, at: petitions.answerPublishedAt })
      .from(petitions)
      .where(eq(petitions.id, row.mergedIntoId));
    if (survivor?.text && survivor.at)
      answer = { text: survivor.text, publishedAt: survivor.at.toISOString() };
  }
  return {
    trackingCode: row.trackingCode,
    kind: row.kind as PetitionKind,
    category: row.category,
    commune: unitName(row.communeId),
    receivedDate: row.receivedDate,
    status: row.status as PetitionStatus,
    handlingUnit: unitName(row.assignedUnitId),
    clocks: clocks.map((clock) => publicClock(clock, today)),
    timeline: events.map((event) => ({
      at: event.at.toISOString(),
      type: event.type,
      fromUnit: unitName(event.fromUnitId),
      toUnit: unitName(event.toUnitId),
    })),
    answer,
    closeReason:
      row.closeReason === null ? null : maskPersonalData(row.closeReason, { knownNames: [row.contactName] }),
    rating:
      row.ratingScore === null || !row.ratedAt
        ? null
        : { score: row.ratingScore, at: row.ratedAt.toISOString() },
    followUp:
      row.followUpResolved === null || !row.followUpAt
        ? null
        : { resolved: row.followUpResolved, at: row.followUpAt.toISOString() },
  };
}

/** Everything held about the citizen's case, for the citizen; the read is logged too. */
const RETENTION: Localized = {
  vi: "Dữ liệu được lưu cùng hồ sơ theo quy định lưu trữ của cơ quan nhà nước; chỉ người xử lý hồ sơ được xem.",
  en: "Kept with the case file under the public records rules; only those handling the case may see it.",
};

export async function myData(db: DbOrTx, row: PetitionRow, locale: Locale = "vi") {
  const [attachments, reads] = await Promise.all([
    listAttachments(db, row.tenantId, row.id),
    db
      .select()
      .from(petitionAccessLog)
      .where(eq(petitionAccessLog.petitionId, row.id))
      .orderBy(desc(petitionAccessLog.at))
      .limit(200),
  ]);
  const units = await allUnits(db, row.tenantId);
  await logAccess(db, {
    tenantId: row.tenantId,
    petitionId: row.id,
    userId: null,
    name: systemActor("citizen").name,
    purpose: "citizen.my-data",
    fields: ["contact.name", "contact.phone", "contact.email", "text", "attachments"],
  });
  return {
    trackingCode: row.trackingCode,
    kind: row.kind as PetitionKind,
    channel: row.channel as PetitionDetail["channel"],
    receivedAt: row.receivedAt.toISOString(),
    title: row.title,
    text: row.text,
    commune: row.communeId ? (units.get(row.communeId)?.name ?? null) : null,
    contact: {
      name: row.contactName,
      phone: row.contactPhone ? formatVietnamesePhone(row.contactPhone) : null,
      email: row.contactEmail,
    },
    attachments: attachments.map((a) => ({ contentType: a.contentType, size: a.size })),
    rating: row.ratingScore === null ? null : { score: row.ratingScore, comment: row.ratingComment },
    followUp:
      row.followUpResolved === null ? null : { resolved: row.followUpResolved, comment: row.followUpComment },
    readBy: reads.map((read) => ({
      at: read.at.toISOString(),
      who: shownActor(read.userId, read.actorName, locale),
      fields: read.fields,
    })),
    retention: RETENTION[locale],
  };
}
