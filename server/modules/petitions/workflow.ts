import { and, eq, sql } from "drizzle-orm";
import type { ClockFlag, PetitionKind } from "../../../common/schemas/petitions.ts";
import type { Tx } from "../../db/connection.ts";
import { computeDeadline } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/service.ts";
import { type Actor, actorLabel } from "../auth/actor.ts";
import { may } from "../authorize.ts";
import { maskPersonalData } from "../intake/public.ts";
import { accessPetition, type PetitionRow } from "./access.ts";
import { daysFor, FINAL_PURPOSES, planExtension, ruleByKey } from "./clocks.ts";
import type { PetitionDeps } from "./deps.ts";
import { allUnits, unitInForce } from "./directory.ts";
import { petitionHandoff } from "./notices.ts";
import { petitionClocks, petitionExtensions, petitions } from "./tables.ts";
import { meetClocks, recordEvent, startClocks, stopClocks } from "./timeline.ts";

/**
 * The staff's steps on a petition. Each runs inside the request's one transaction, on the row
 * locked by `accessPetition`, and records its event and its audit entry there. The audit entry
 * names units and states, never the petitioner.
 */

async function audit(tx: Tx, actor: Actor, action: string, row: PetitionRow, after: Record<string, unknown>) {
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: actorLabel(actor),
    action: `petition.${action}`,
    entityType: "petition",
    entityId: row.id,
    before: { status: row.status, assignedUnitId: row.assignedUnitId },
    after,
  });
}

async function touch(tx: Tx, id: string, values: Partial<typeof petitions.$inferInsert>) {
  await tx
    .update(petitions)
    .set({ ...values, updatedAt: clock.now() })
    .where(eq(petitions.id, id));
}

/** Sends a petition to a unit, or transfers it from the one that holds it; both are recorded. */
export async function assignPetition(
  tx: Tx,
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { unitId: string; note?: string },
) {
  const { row } = await accessPetition(tx, actor, id, "assign", true);
  const today = deps.today();
  const unit = await unitInForce(tx, row.tenantId, input.unitId, today);
  if (!unit) throw new AppError(400, "unknown_units", { ids: input.unitId }, "unitId");
  if (row.assignedUnitId === unit.id) throw new AppError(409, "petition_same_unit", { unit: unit.name });
  const first = row.assignedUnitId === null;
  await touch(tx, row.id, {
    assignedUnitId: unit.id,
    status: row.status === "received" ? "assigned" : row.status,
  });
  await recordEvent(tx, {
    tenantId: row.tenantId,
    petitionId: row.id,
    type: first ? "assigned" : "transferred",
    actor: actorLabel(actor),
    fromUnitId: row.assignedUnitId,
    toUnitId: unit.id,
    note: input.note ?? null,
  });
  if (first) await meetClocks(tx, row.id, ["route"], today);
  const from = row.assignedUnitId ? (await allUnits(tx, row.tenantId)).get(row.assignedUnitId)?.name : null;
  await petitionHandoff(
    tx,
    row,
    first ? "petition-assigned" : "petition-transferred",
    [{ unitId: unit.id, roles: ["unit_officer", "unit_leader"] }],
    { unit: unit.name, from: from ?? "" },
    actor.userId,
  );
  await audit(tx, actor, first ? "assign" : "transfer", row, { assignedUnitId: unit.id });
}

/** Accepts (thụ lý) a complaint or denunciation, which starts its resolution clock; or refuses it. */
export async function decideAcceptance(
  tx: Tx,
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { accepted: boolean; reason?: string; decisionNumber?: string; remoteArea?: boolean },
) {
  const { row } = await accessPetition(tx, actor, id, "accept", true);
  const today = deps.today();
  await meetClocks(tx, row.id, ["accept"], today);
  if (!input.accepted) {
    if (!input.reason) throw new AppError(400, "petition_reason_required", {}, "reason");
    await touch(tx, row.id, { status: "refused", closedAt: clock.now(), closeReason: input.reason });
    await stopClocks(tx, row.id, today);
    await recordEvent(tx, {
      tenantId: row.tenantId,
      petitionId: row.id,
      type: "refused",
      actor: actorLabel(actor),
      note: [input.decisionNumber, input.reason].filter(Boolean).join(" — "),
    });
    await audit(tx, actor, "refuse", row, { status: "refused" });
    return;
  }
  const flags = [...(row.flags as ClockFlag[])];
  if (input.remoteArea && !flags.includes("remoteArea")) flags.push("remoteArea");
  await touch(tx, row.id, { status: "accepted", acceptedDate: today, flags });
  await startClocks(
    tx,
    { id: row.id, tenantId: row.tenantId, kind: row.kind as PetitionKind, flags },
    "accepted",
    today,
    deps.settings,
    deps.calendar,
  );
  await recordEvent(tx, {
    tenantId: row.tenantId,
    petitionId: row.id,
    type: "accepted",
    actor: actorLabel(actor),
    note: input.decisionNumber ?? null,
  });
  await audit(tx, actor, "accept", row, { status: "accepted", flags });
}

const EXTENSION_REFUSALS = {
  not_extendable: "petition_extension_not_allowed",
  limit_reached: "petition_extension_limit",
  needs_flag: "petition_extension_needs_flag",
} as const;

/**
 * Records an extension decided in writing: the running clock of the matter (resolution or
 * answer, else acceptance) gets the days the law allows for it, no more.
 */
export async function extendClock(
  tx: Tx,
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { reason: string; decisionNumber: string; veryComplex?: boolean },
) {
  const { row } = await accessPetition(tx, actor, id, "extend", true);
  const runningClocks = await tx
    .select()
    .from(petitionClocks)
    .where(and(eq(petitionClocks.petitionId, row.id), eq(petitionClocks.status, "running")))
    .for("update");
  const target =
    runningClocks.find((c) => FINAL_PURPOSES.includes(c.purpose as never)) ??
    runningClocks.find((c) => c.purpose === "accept");
  if (!target) throw new AppError(409, "petition_extension_not_allowed");
  const rule = ruleByKey(target.ruleKey, row.kind as PetitionKind, deps.settings);
  if (!rule) throw new AppError(409, "petition_extension_not_allowed");
  const [{ count }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(petitionExtensions)
    .where(eq(petitionExtensions.clockId, target.id));
  const plan = planExtension(
    rule,
    { flags: target.flags as ClockFlag[], extensionCount: count },
    { veryComplex: input.veryComplex },
  );
  if (!plan.ok) throw new AppError(409, EXTENSION_REFUSALS[plan.reason], { flag: plan.flag ?? "" });
  const flags = plan.flag ? [...(target.flags as ClockFlag[]), plan.flag] : (target.flags as ClockFlag[]);
  const baseDays = daysFor(rule, flags);
  const extendedDays = target.extendedDays + (rule.extension?.mode === "add" ? plan.days : 0);
  const { due } = computeDeadline(
    { start: target.startDate, amount: baseDays + extendedDays, unit: rule.unit },
    deps.calendar,
  );
  await tx
    .update(petitionClocks)
    .set({ flags, baseDays, extendedDays, dueDate: due })
    .where(eq(petitionClocks.id, target.id));
  const petitionFlags = [...new Set([...(row.flags as ClockFlag[]), ...(plan.flag ? [plan.flag] : [])])];
  await touch(tx, row.id, { flags: petitionFlags });
  await tx.insert(petitionExtensions).values({
    tenantId: row.tenantId,
    petitionId: row.id,
    clockId: target.id,
    days: plan.days,
    flag: plan.flag,
    reason: input.reason,
    decisionNumber: input.decisionNumber,
    decidedBy: actor.userId,
    decidedByName: actorLabel(actor).name,
  });
  await recordEvent(tx, {
    tenantId: row.tenantId,
    petitionId: row.id,
    type: "extended",
    actor: actorLabel(actor),
    note: `${input.decisionNumber}: +${plan.days} (${target.dueDate} → ${due})`,
  });
  await audit(tx, actor, "extend", row, { clock: target.ruleKey, days: plan.days, dueDate: due });
  return { dueDate: due, days: plan.days };
}

export async function draftAnswer(tx: Tx, actor: Actor, id: string, text: string) {
  const { row } = await accessPetition(tx, actor, id, "draftAnswer", true);
  await touch(tx, row.id, {
    answerDraft: text.normalize("NFC"),
    answerDraftedBy: actor.userId,
    answerDraftedAt: clock.now(),
  });
  await recordEvent(tx, {
    tenantId: row.tenantId,
    petitionId: row.id,
    type: "answer_drafted",
    actor: actorLabel(actor),
  });
  // The draft now waits for the holding unit's leader, who approves or returns it.
  if (row.assignedUnitId) {
    const unit = (await allUnits(tx, row.tenantId)).get(row.assignedUnitId)?.name ?? "";
    await petitionHandoff(
      tx,
      row,
      "petition-answer-waiting",
      [{ unitId: row.assignedUnitId, roles: ["unit_leader"] }],
      { unit },
      actor.userId,
    );
  }
  await audit(tx, actor, "answer.draft", row, { length: text.length });
}

/**
 * The leader approves the draft, which publishes it with personal data masked; the answer (or
 * resolution) clock is met today, and for a complaint the citizen's window to appeal starts.
 */
export async function approveAnswer(tx: Tx, deps: PetitionDeps, actor: Actor, id: string) {
  const { row } = await accessPetition(tx, actor, id, "approveAnswer", true);
  const today = deps.today();
  const published = maskPersonalData(row.answerDraft!, { knownNames: [row.contactName] });
  await touch(tx, row.id, {
    status: "answered",
    answerPublic: published,
    answerApprovedBy: actor.userId,
    answerPublishedAt: clock.now(),
  });
  await meetClocks(tx, row.id, [...FINAL_PURPOSES], today);
  await startClocks(
    tx,
    { id: row.id, tenantId: row.tenantId, kind: row.kind as PetitionKind, flags: row.flags as ClockFlag[] },
    "decision",
    today,
    deps.settings,
    deps.calendar,
  );
  await recordEvent(tx, {
    tenantId: row.tenantId,
    petitionId: row.id,
    type: "answer_approved",
    actor: actorLabel(actor),
  });
  await recordEvent(tx, {
    tenantId: row.tenantId,
    petitionId: row.id,
    type: "answer_published",
    actor: actorLabel(actor),
  });
  if (row.answerDraftedBy)
    await petitionHandoff(
      tx,
      row,
      "petition-answer-approved",
      [{ userId: row.answerDraftedBy }],
      {},
      actor.userId,
    );
  await audit(tx, actor, "answer.publish", row, { status: "answered" });
  return { petitionId: row.id, email: row.contactEmail };
}

/** Closes an answered petition: resolved, or not resolved with the reason said. */
export async function closePetition(
  tx: Tx,
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { resolved: boolean; reason?: string },
) {
  const { row } = await accessPetition(tx, actor, id, "close", true);
  if (!input.resolved && !input.reason) throw new AppError(400, "petition_reason_required", {}, "reason");
  const status = input.resolved ? "closed_resolved" : "closed_unresolved";
  await touch(tx, row.id, { status, closedAt: clock.now(), closeReason: input.reason ?? null });
  await stopClocks(tx, row.id, deps.today());
  await recordEvent(tx, {
    tenantId: row.tenantId,
    petitionId: row.id,
    type: "closed",
    actor: actorLabel(actor),
    note: input.reason ?? null,
  });
  await audit(tx, actor, "close", row, { status });
}

/** Merges a duplicate into the petition that goes on; the duplicate points to the survivor. */
export async function mergePetition(tx: Tx, deps: PetitionDeps, actor: Actor, id: string, intoId: string) {
  if (id === intoId) throw new AppError(400, "petition_merge_self", {}, "intoId");
  // Locked in a fixed order, so that two opposite merges cannot wait on each other.
  const [first, second] = [id, intoId].sort();
  const a = await accessPetition(tx, actor, first, null, true);
  const b = await accessPetition(tx, actor, second, null, true);
  const duplicate = a.row.id === id ? a : b;
  const survivor = a.row.id === id ? b : a;
  if (!may(actor, "petitions.merge", { duplicate: duplicate.resource, survivor: survivor.resource })) {
    throw may(actor, "petitions.personalData", duplicate.resource) &&
      may(actor, "petitions.personalData", survivor.resource)
      ? new AppError(409, "petition_state", { action: "merge", status: duplicate.row.status })
      : new AppError(403, "forbidden");
  }
  const today = deps.today();
  await touch(tx, duplicate.row.id, {
    status: "merged",
    mergedIntoId: survivor.row.id,
    closedAt: clock.now(),
  });
  await stopClocks(tx, duplicate.row.id, today);
  const label = actorLabel(actor);
  await recordEvent(tx, {
    tenantId: duplicate.row.tenantId,
    petitionId: duplicate.row.id,
    type: "merged",
    actor: label,
    note: survivor.row.trackingCode,
  });
  await recordEvent(tx, {
    tenantId: survivor.row.tenantId,
    petitionId: survivor.row.id,
    type: "merged_in",
    actor: label,
    note: duplicate.row.trackingCode,
  });
  await audit(tx, actor, "merge", duplicate.row, { status: "merged", mergedIntoId: survivor.row.id });
}
