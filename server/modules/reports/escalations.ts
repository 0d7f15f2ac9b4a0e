import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { formatDate } from "../../../common/dates.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { authorize } from "../authorize.ts";
import { notify } from "../notifications/notify.ts";
import { accessPlan } from "../plans/registry.ts";
import { type Access, canRead, visibleReport } from "./access.ts";
import { ESCALATION_STEPS, type EscalationStatus, escalationActions } from "./policy.ts";
import { escalations } from "./tables.ts";

/**
 * Difficulties and proposals ("khó khăn, vướng mắc, kiến nghị") a unit raises, alone or inside
 * its report, to UBND tỉnh via Sở Nội vụ. The coordinator assigns an owner and a due date; the
 * coordinator or the provincial leadership decides; a decided one is closed when carried out.
 * open → (assign) → decided → closed; a closed one may be reopened. Each step is audited.
 */

const ESCALATION = both("kiến nghị", "escalation");

type Row = typeof escalations.$inferSelect;

export function toEscalation(access: Access, row: Row, today = todayInVietnam()) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id,
    kind: row.kind as "difficulty" | "proposal",
    title: row.title,
    body: row.body,
    status: row.status as "open" | "decided" | "closed",
    unit: { id: row.unitId, name: access.directory.name(row.unitId) },
    owner: row.ownerUnitId ? { id: row.ownerUnitId, name: access.directory.name(row.ownerUnitId) } : null,
    planId: row.planId,
    periodId: row.periodId,
    reportId: row.reportId,
    dueOn: row.dueOn,
    overdue: row.status === "open" && !!row.dueOn && row.dueOn < today,
    decision: row.decision,
    decidedAt: iso(row.decidedAt),
    decidedBy: row.decidedByName,
    closingNote: row.closingNote,
    closedAt: iso(row.closedAt),
    closedBy: row.closedByName,
    raisedBy: row.raisedByName,
    createdAt: iso(row.createdAt)!,
    version: row.version,
    actions: escalationActions(access.actor, {
      tenantId: row.tenantId,
      status: row.status as EscalationStatus,
    }),
  };
}

export async function listEscalations(
  db: DbOrTx,
  access: Access,
  query: {
    status?: string;
    planId?: string;
    periodId?: string;
    unitId?: string;
    limit: number;
    offset: number;
  },
) {
  const conditions: (SQL | undefined)[] = [eq(escalations.tenantId, access.actor.tenantId)];
  if (query.status) conditions.push(eq(escalations.status, query.status));
  if (query.planId) conditions.push(eq(escalations.planId, query.planId));
  if (query.periodId) conditions.push(eq(escalations.periodId, query.periodId));
  if (query.unitId) conditions.push(eq(escalations.unitId, query.unitId));
  const rows = await db
    .select()
    .from(escalations)
    .where(and(...conditions))
    .orderBy(desc(escalations.createdAt));
  // Units see their own (and their predecessors'); the province roles see all.
  const visible = rows.filter((row) => canRead(access, row.unitId));
  return {
    items: visible.slice(query.offset, query.offset + query.limit).map((row) => toEscalation(access, row)),
    total: visible.length,
  };
}

export async function visibleEscalation(db: DbOrTx, access: Access, id: string, lock = false) {
  const query = db
    .select()
    .from(escalations)
    .where(and(eq(escalations.tenantId, access.actor.tenantId), eq(escalations.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row || !canRead(access, row.unitId)) throw notFound(ESCALATION);
  return row;
}

export async function raiseEscalation(
  tx: DbOrTx,
  access: Access,
  author: AuditActor,
  body: {
    unitId: string;
    kind: "difficulty" | "proposal";
    title: string;
    body: string;
    planId?: string;
    reportId?: string;
  },
) {
  const resource = {
    tenantId: access.actor.tenantId,
    unitAncestorIds: access.directory.ancestors(body.unitId),
  };
  if (!access.directory.unit(body.unitId)) throw notFound(both("đơn vị", "unit"));
  authorize(access.actor, "reports.write", resource);
  let planId = body.planId ?? null;
  let periodId: string | null = null;
  if (body.reportId) {
    const report = await visibleReport(tx, access, body.reportId);
    if (report.unitId !== body.unitId) throw new AppError(400, "escalation_report_unit", {}, "reportId");
    planId = report.planId;
    periodId = report.periodId;
  } else if (planId) {
    await accessPlan(tx, access.actor, planId, "read");
  }
  const [row] = await tx
    .insert(escalations)
    .values({
      tenantId: access.actor.tenantId,
      planId,
      periodId,
      reportId: body.reportId ?? null,
      unitId: body.unitId,
      kind: body.kind,
      title: body.title,
      body: body.body,
      raisedBy: author.userId,
      raisedByName: author.name,
    })
    .returning();
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: author,
    action: "escalation.raise",
    entityType: "escalation",
    entityId: row.id,
    after: { unitId: row.unitId, kind: row.kind, title: row.title, reportId: row.reportId },
  });
  return row;
}

const STATUS_VI: Record<string, string> = { open: "đang xử lý", decided: "đã có ý kiến", closed: "đã đóng" };

export async function updateEscalation(
  tx: DbOrTx,
  access: Access,
  author: AuditActor,
  id: string,
  body: {
    version: number;
    action: "assign" | "decide" | "close" | "reopen";
    ownerUnitId?: string;
    dueOn?: string;
    decision?: string;
    closingNote?: string;
  },
) {
  const row = await visibleEscalation(tx, access, id, true);
  authorize(access.actor, "reports.decide", row);
  if (row.version !== body.version) {
    throw new AppError(409, "conflict", { current: row.version, yours: body.version }, undefined, {
      currentVersion: row.version,
    });
  }
  const rule = ESCALATION_STEPS[body.action];
  if (!rule.from.includes(row.status as EscalationStatus)) {
    throw new AppError(409, "escalation_transition", {
      from: STATUS_VI[row.status] ?? row.status,
      to: STATUS_VI[rule.to] ?? rule.to,
    });
  }
  const now = clock.now();
  const set: Partial<typeof escalations.$inferInsert> = { status: rule.to, updatedAt: now };
  if (body.ownerUnitId) {
    if (!access.directory.unit(body.ownerUnitId)) throw notFound(both("đơn vị", "unit"));
    set.ownerUnitId = body.ownerUnitId;
  }
  if (body.dueOn) set.dueOn = body.dueOn;
  if (body.action === "decide") {
    if (!body.decision) throw new AppError(400, "escalation_decision_required", {}, "decision");
    Object.assign(set, { decision: body.decision, decidedAt: now, decidedByName: author.name });
  }
  if (body.action === "close") {
    Object.assign(set, { closingNote: body.closingNote ?? null, closedAt: now, closedByName: author.name });
  }
  if (body.action === "reopen") Object.assign(set, { closedAt: null, closedByName: null });
  const [saved] = await tx
    .update(escalations)
    .set({ ...set, version: row.version + 1 })
    .where(and(eq(escalations.id, row.id), eq(escalations.version, row.version)))
    .returning();
  // Assigning hands the issue to the owner unit's people; a decision goes back to the unit that
  // raised it (and the owner, who carries it out).
  if (body.action === "assign" && saved.ownerUnitId) {
    await notify(tx, {
      tenantId: row.tenantId,
      eventKey: `escalation-assign:${row.id}:${saved.version}`,
      kind: "escalation-assigned",
      recipients: [{ unitId: saved.ownerUnitId, roles: ["unit_officer", "unit_leader"] }],
      params: {
        title: saved.title,
        unit: access.directory.unit(saved.ownerUnitId)?.name ?? "",
        due: saved.dueOn ? formatDate(saved.dueOn) : "—",
      },
      link: `/escalations/${row.id}`,
      actorUserId: author.userId,
    });
  }
  if (body.action === "decide") {
    await notify(tx, {
      tenantId: row.tenantId,
      eventKey: `escalation-decide:${row.id}:${saved.version}`,
      kind: "escalation-decided",
      recipients: [
        { unitId: saved.unitId, roles: ["unit_officer", "unit_leader"] },
        ...(saved.ownerUnitId
          ? [{ unitId: saved.ownerUnitId, roles: ["unit_officer", "unit_leader"] as const }]
          : []),
        ...(saved.raisedBy ? [{ userId: saved.raisedBy }] : []),
      ],
      params: { title: saved.title, decision: saved.decision ?? "" },
      link: `/escalations/${row.id}`,
      actorUserId: author.userId,
    });
  }
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: author,
    action: `escalation.${body.action}`,
    entityType: "escalation",
    entityId: row.id,
    before: { status: row.status, ownerUnitId: row.ownerUnitId, dueOn: row.dueOn },
    after: {
      status: saved.status,
      ownerUnitId: saved.ownerUnitId,
      dueOn: saved.dueOn,
      decision: saved.decision,
    },
  });
  return saved;
}

export async function openEscalationCount(db: DbOrTx, tenantId: string) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(escalations)
    .where(and(eq(escalations.tenantId, tenantId), eq(escalations.status, "open")));
  return n;
}
