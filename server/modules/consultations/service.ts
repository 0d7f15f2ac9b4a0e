import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type {
  ConsultationDetail,
  ConsultationInput,
  ConsultationPatch,
  ConsultationPhase,
  ConsultationSummary,
} from "../../../common/schemas/consultations.ts";
import type { DbOrTx, Tx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, conflict } from "../../lib/errors.ts";
import { type AuditActor, recordAudit, recordPersonalDataRead } from "../audit/service.ts";
import type { Actor } from "../auth/actor.ts";
import { displayNames } from "../auth/users.ts";
import { authorize, may } from "../authorize.ts";
import { type UnitIndex, unitIndex } from "../dialogues/directory.ts";
import { moderationView } from "../dialogues/moderation.ts";
import { accessConsultation, type ConsultationRow, consultationResource } from "./access.ts";
import { consultationActions, scopeFor } from "./policy.ts";
import { consultationComments, consultationSections, consultations } from "./tables.ts";

type CommentRow = typeof consultationComments.$inferSelect;

function checkDates(opensOn: string, closesOn: string) {
  if (closesOn < opensOn) throw new AppError(400, "consultation_dates", {}, "closesOn");
}

async function writeSections(
  tx: Tx,
  tenantId: string,
  consultationId: string,
  sections: ConsultationInput["sections"],
) {
  await tx.delete(consultationSections).where(eq(consultationSections.consultationId, consultationId));
  await tx.insert(consultationSections).values(
    sections.map((section, i) => ({
      tenantId,
      consultationId,
      position: i + 1,
      heading: section.heading.normalize("NFC"),
      text: section.text.normalize("NFC"),
    })),
  );
}

export async function createConsultation(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  input: ConsultationInput,
  today: string,
) {
  const units = await unitIndex(tx, actor.tenantId);
  units.requireInForce(input.draftingUnitId, today, "draftingUnitId");
  authorize(actor, "consultations.create", {
    tenantId: actor.tenantId,
    draftingUnitAncestorIds: units.ancestors(input.draftingUnitId),
  });
  checkDates(input.opensOn, input.closesOn);
  const [row] = await tx
    .insert(consultations)
    .values({
      tenantId: actor.tenantId,
      title: input.title.normalize("NFC"),
      summary: input.summary.normalize("NFC"),
      draftingUnitId: input.draftingUnitId,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      createdBy: actor.userId,
    })
    .returning({ id: consultations.id });
  await writeSections(tx, actor.tenantId, row.id, input.sections);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: audit,
    action: "consultation.create",
    entityType: "consultation",
    entityId: row.id,
    after: { title: input.title, draftingUnitId: input.draftingUnitId, sections: input.sections.length },
  });
  return row;
}

export async function updateConsultation(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  id: string,
  patch: ConsultationPatch,
  today: string,
) {
  const { row, units } = await accessConsultation(tx, actor, id, today, "edit", true);
  if (patch.version !== row.version) throw conflict(row.version, patch.version);
  if (patch.draftingUnitId) {
    units.requireInForce(patch.draftingUnitId, today, "draftingUnitId");
    authorize(actor, "consultations.create", {
      tenantId: actor.tenantId,
      draftingUnitAncestorIds: units.ancestors(patch.draftingUnitId),
    });
  }
  checkDates(patch.opensOn ?? row.opensOn, patch.closesOn ?? row.closesOn);
  await tx
    .update(consultations)
    .set({
      ...(patch.title !== undefined ? { title: patch.title.normalize("NFC") } : {}),
      ...(patch.summary !== undefined ? { summary: patch.summary.normalize("NFC") } : {}),
      ...(patch.draftingUnitId !== undefined ? { draftingUnitId: patch.draftingUnitId } : {}),
      ...(patch.opensOn !== undefined ? { opensOn: patch.opensOn } : {}),
      ...(patch.closesOn !== undefined ? { closesOn: patch.closesOn } : {}),
      version: row.version + 1,
      updatedAt: clock.now(),
    })
    .where(eq(consultations.id, row.id));
  if (patch.sections) await writeSections(tx, row.tenantId, row.id, patch.sections);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: audit,
    action: "consultation.update",
    entityType: "consultation",
    entityId: row.id,
    before: { version: row.version },
    after: { ...patch, sections: patch.sections?.length },
  });
}

/** Publishing puts the draft on the portal; comments are taken from its opening day. */
export async function publishConsultation(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  id: string,
  today: string,
) {
  const { row } = await accessConsultation(tx, actor, id, today, "publish", true);
  if (row.closesOn < today) throw new AppError(400, "consultation_dates", {}, "closesOn");
  await tx
    .update(consultations)
    .set({ status: "published", publishedAt: clock.now(), version: row.version + 1, updatedAt: clock.now() })
    .where(eq(consultations.id, row.id));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: audit,
    action: "consultation.publish",
    entityType: "consultation",
    entityId: row.id,
    after: { opensOn: row.opensOn, closesOn: row.closesOn },
  });
}

type Counts = ConsultationSummary["comments"];

async function commentCounts(db: DbOrTx, ids: string[]): Promise<Map<string, Counts>> {
  const result = new Map<string, Counts>();
  if (ids.length === 0) return result;
  const rows = await db
    .select({
      id: consultationComments.consultationId,
      status: consultationComments.status,
      answered: sql<boolean>`${consultationComments.result} IS NOT NULL`,
      n: sql<number>`count(*)::int`,
    })
    .from(consultationComments)
    .where(inArray(consultationComments.consultationId, ids))
    .groupBy(sql`1, 2, 3`);
  for (const r of rows) {
    const c = result.get(r.id) ?? { pending: 0, published: 0, answered: 0, rejected: 0 };
    if (r.status === "pending") c.pending += r.n;
    if (r.status === "rejected") c.rejected += r.n;
    if (r.status === "published") c.published += r.n;
    if (r.status === "published" && r.answered) c.answered += r.n;
    result.set(r.id, c);
  }
  return result;
}

function summary(
  row: ConsultationRow,
  units: UnitIndex,
  phase: ConsultationPhase,
  counts: Map<string, Counts>,
): ConsultationSummary {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    draftingUnit: { id: row.draftingUnitId, name: units.name(row.draftingUnitId) },
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    phase,
    comments: counts.get(row.id) ?? { pending: 0, published: 0, answered: 0, rejected: 0 },
  };
}

export async function listConsultations(
  db: DbOrTx,
  actor: Actor,
  phase: ConsultationPhase | undefined,
  today: string,
) {
  if (scopeFor(actor).kind === "none") return { items: [], canCreate: false };
  const units = await unitIndex(db, actor.tenantId);
  const rows = (
    await db
      .select()
      .from(consultations)
      .where(eq(consultations.tenantId, actor.tenantId))
      .orderBy(desc(consultations.opensOn), desc(consultations.createdAt))
      .limit(1000)
  )
    .map((row) => ({ row, resource: consultationResource(row, units, today) }))
    .filter(({ resource }) => may(actor, "consultations.read", resource))
    .filter(({ resource }) => !phase || resource.phase === phase);
  const counts = await commentCounts(
    db,
    rows.map(({ row }) => row.id),
  );
  const canCreate = actor.grants.some((g) => ["coordinator", "unit_officer", "unit_leader"].includes(g.role));
  return { items: rows.map(({ row, resource }) => summary(row, units, resource.phase, counts)), canCreate };
}

export function commentView(row: CommentRow, names: Map<string, string>, personal: boolean) {
  const citizen = row.authorKind === "citizen";
  return {
    id: row.id,
    sectionId: row.sectionId,
    authorKind: row.authorKind as "citizen",
    authorName:
      !citizen || personal
        ? row.organisation
          ? `${row.authorName} (${row.organisation})`
          : row.authorName
        : null,
    authorPhone: personal ? row.authorPhone : null,
    authorEmail: personal ? row.authorEmail : null,
    channel: row.channel as "portal" | "staff",
    text: row.text,
    moderation: moderationView({
      ...row,
      moderatedByName: row.moderatedBy ? names.get(row.moderatedBy) : null,
    }),
    response:
      row.result && row.answeredAt
        ? {
            result: row.result as "accepted",
            explanation: row.explanation ?? "",
            by: row.answeredBy ? (names.get(row.answeredBy) ?? null) : null,
            at: row.answeredAt.toISOString(),
          }
        : null,
    submittedAt: row.createdAt.toISOString(),
  };
}

export async function loadSections(db: DbOrTx, consultationId: string) {
  return db
    .select()
    .from(consultationSections)
    .where(eq(consultationSections.consultationId, consultationId))
    .orderBy(asc(consultationSections.position));
}

export async function loadComments(db: DbOrTx, consultationId: string, status?: string) {
  return db
    .select()
    .from(consultationComments)
    .where(
      and(
        eq(consultationComments.consultationId, consultationId),
        status ? eq(consultationComments.status, status) : undefined,
      ),
    )
    .orderBy(asc(consultationComments.createdAt));
}

export async function consultationDetail(
  db: DbOrTx,
  actor: Actor,
  id: string,
  today: string,
): Promise<ConsultationDetail> {
  const { row, resource, units } = await accessConsultation(db, actor, id, today);
  const sections = await loadSections(db, row.id);
  const manager = may(actor, "consultations.manage", resource);
  // Others (units that comment, the Front) see published comments only, without contacts.
  const comments = await loadComments(db, row.id, manager ? undefined : "published");
  const names = await displayNames(
    db,
    comments.flatMap((c) => [c.moderatedBy, c.answeredBy]),
  );
  const counts = await commentCounts(db, [row.id]);
  const personal = may(actor, "consultations.personalData", resource);
  if (personal) {
    await recordPersonalDataRead(db, {
      tenantId: row.tenantId,
      actor,
      entityType: "consultation",
      entityId: row.id,
      purpose: "staff.comments",
      records: comments
        .filter((c) => c.authorKind === "citizen" && (c.authorName || c.authorPhone || c.authorEmail))
        .map((c) => c.id),
      fields: ["authorName", "authorPhone", "authorEmail"],
    });
  }
  return {
    ...summary(row, units, resource.phase, counts),
    version: row.version,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    sections: sections.map((s) => ({ id: s.id, position: s.position, heading: s.heading, text: s.text })),
    commentList: comments.map((c) => commentView(c, names, personal)),
    actions: consultationActions(actor, resource),
  };
}
