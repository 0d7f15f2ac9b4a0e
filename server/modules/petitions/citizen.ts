import { and, eq, isNull } from "drizzle-orm";
import { systemActor } from "../../../common/actors.ts";
import type { DbOrTx, Tx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/service.ts";
import { bucket, consume, contactMatches, giveBack } from "../intake/public.ts";
import type { PetitionRow } from "./access.ts";
import { notFoundPetition } from "./access.ts";
import type { PetitionDeps } from "./deps.ts";
import { petitions } from "./tables.ts";
import { recordEvent } from "./timeline.ts";
import { trackingHash } from "./tracking.ts";

/**
 * What the citizen does with the tracking code: read what is held, rate the answer, say later
 * whether the matter was resolved. Each needs the phone or e-mail given at intake as well: the
 * code is the citizen's (Open311 names a case by its id, not by it), but it is written down,
 * passed on, and shown with each published answer, so it alone must not be a key to someone's
 * personal data or to their one rating.
 */
export const CITIZEN = systemActor("citizen");

export async function byTrackingCode(db: DbOrTx, tenantId: string, code: string, lock = false) {
  const query = db
    .select()
    .from(petitions)
    .where(and(eq(petitions.tenantId, tenantId), eq(petitions.trackingHash, trackingHash(code))));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFoundPetition();
  return row;
}

/**
 * Checks the contact proof. A guess is counted before it is weighed, in a transaction of its own
 * committed first (parallel guesses cannot slip past the count; a refused one stays counted):
 * per client address (PETITION_CONTACT_CHECKS an hour, whatever the case) and, far higher, per
 * case (PETITION_CONTACT_CHECKS_PER_CASE), the ceiling against guessing from many addresses. The
 * right contact is no guess and gives its counts back: the citizen's own reads never use up an
 * allowance, and one address guessing wrong on a case cannot lock the citizen out of it.
 */
export async function checkProof(deps: PetitionDeps, row: PetitionRow, proof: string, ip: string) {
  const now = clock.now();
  const counted = [
    { name: bucket("proof-ip", row.tenantId, ip), limit: deps.settings.contactChecks },
    { name: bucket("proof", row.tenantId, row.id), limit: deps.settings.contactChecksPerCase },
  ];
  await deps.database.db.transaction(async (tx) => {
    for (const { name, limit } of counted) await consume(tx, row.tenantId, name, limit, now);
  });
  if (!contactMatches(proof, { phone: row.contactPhone, email: row.contactEmail })) {
    throw new AppError(403, "petition_contact_mismatch", {}, "contact");
  }
  await deps.database.db.transaction(async (tx) => {
    for (const { name } of counted) await giveBack(tx, row.tenantId, name, now);
  });
}

const ANSWERED = ["answered", "closed_resolved", "closed_unresolved"];

export async function ratePetition(
  tx: Tx,
  row: PetitionRow,
  input: { score: number; comment?: string },
): Promise<void> {
  if (!ANSWERED.includes(row.status) || !row.answerPublishedAt)
    throw new AppError(409, "petition_not_answered");
  // Once: the condition makes a second rating, even a concurrent one, change nothing.
  const rated = await tx
    .update(petitions)
    .set({ ratingScore: input.score, ratingComment: input.comment ?? null, ratedAt: clock.now() })
    .where(and(eq(petitions.id, row.id), isNull(petitions.ratingScore)))
    .returning({ id: petitions.id });
  if (rated.length === 0) throw new AppError(409, "petition_already_rated");
  await recordEvent(tx, { tenantId: row.tenantId, petitionId: row.id, type: "rated", actor: CITIZEN });
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: CITIZEN,
    action: "petition.rate",
    entityType: "petition",
    entityId: row.id,
    after: { score: input.score },
  });
}

export async function recordFollowUp(
  tx: Tx,
  row: PetitionRow,
  input: { resolved: boolean; comment?: string },
): Promise<void> {
  if (!ANSWERED.includes(row.status)) throw new AppError(409, "petition_not_answered");
  const saved = await tx
    .update(petitions)
    .set({
      followUpResolved: input.resolved,
      followUpComment: input.comment ?? null,
      followUpAt: clock.now(),
    })
    .where(and(eq(petitions.id, row.id), isNull(petitions.followUpResolved)))
    .returning({ id: petitions.id });
  if (saved.length === 0) throw new AppError(409, "petition_already_followed_up");
  await recordEvent(tx, { tenantId: row.tenantId, petitionId: row.id, type: "follow_up", actor: CITIZEN });
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: CITIZEN,
    action: "petition.follow-up",
    entityType: "petition",
    entityId: row.id,
    after: { resolved: input.resolved },
  });
}
